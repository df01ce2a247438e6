package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

/**
 * A function as the API shows it.
 *
 * @param namespace the owning namespace
 * @param name the function's name
 * @param runtime the runtime identifier; null for an image
 * @param handler the handler; null for an image
 * @param memoryMb memory in MB
 * @param timeoutSeconds timeout in seconds
 * @param ephemeralStorageMb {@code /tmp} size in MB
 * @param description free text
 * @param environment environment variables
 * @param secretEnvironment the names of the secret environment variables, each with a
 * masked value
 * @param codeSha256 hex SHA-256 of the code zip; for an image, the digest it pins or the
 * SHA-256 of the reference
 * @param codeSizeBytes size of the code zip; 0 for an image
 * @param revisionId changes with every change of the function
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param packageType {@code Zip} or {@code Image}
 * @param imageUri the container image; null for a zip
 * @param imageConfig what overrides the image's entry point, command and working
 * directory; null when nothing does
 */
public record FunctionResponse(String namespace, String name, @Nullable String runtime, @Nullable String handler,
		int memoryMb, int timeoutSeconds, int ephemeralStorageMb, String description, Map<String, String> environment,
		Map<String, String> secretEnvironment, String codeSha256, long codeSizeBytes, String revisionId,
		Instant createdAt, Instant updatedAt, String packageType, @Nullable String imageUri,
		@Nullable ImageConfig imageConfig) {

	static FunctionResponse from(FunctionDefinition function) {
		boolean image = FunctionVersionConfig.IMAGE.equals(function.packageType());
		return new FunctionResponse(function.namespace(), function.name(), image ? null : function.runtime(),
				image ? null : function.handler(), function.memoryMb(), function.timeoutSeconds(),
				function.ephemeralStorageMb(), function.description(), function.environment(),
				SecretEnvironment.masked(function.secretEnvironment()), function.codeSha256(), function.codeSizeBytes(),
				function.revisionId().toString(), function.createdAt(), function.updatedAt(), function.packageType(),
				function.imageUri(), function.imageConfig());
	}

}
