package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

/**
 * A published version as the API shows it.
 *
 * @param namespace the owning namespace
 * @param function the function's name
 * @param version the version number
 * @param runtime the runtime identifier; null for an image
 * @param handler the handler; null for an image
 * @param memoryMb memory in MB
 * @param timeoutSeconds timeout in seconds
 * @param ephemeralStorageMb {@code /tmp} size in MB
 * @param description the version's description
 * @param environment environment variables
 * @param secretEnvironment the names of the secret environment variables, each with a
 * masked value
 * @param codeSha256 hex SHA-256 of the code zip
 * @param codeSizeBytes size of the code zip
 * @param revisionId the version's revision id
 * @param createdAt when it was published
 * @param packageType {@code Zip} or {@code Image}
 * @param imageUri the container image; null for a zip
 * @param imageConfig what overrides the image's entry point, command and working
 * directory; null when nothing does
 */
public record VersionResponse(String namespace, String function, String version, @Nullable String runtime,
		@Nullable String handler, int memoryMb, int timeoutSeconds, int ephemeralStorageMb, String description,
		Map<String, String> environment, Map<String, String> secretEnvironment, String codeSha256, long codeSizeBytes,
		String revisionId, Instant createdAt, String packageType, @Nullable String imageUri,
		@Nullable ImageConfig imageConfig) {

	static VersionResponse from(String namespace, String function, FunctionVersion version) {
		boolean image = FunctionVersionConfig.IMAGE.equals(version.packageType());
		return new VersionResponse(namespace, function, Integer.toString(version.version()),
				image ? null : version.runtime(), image ? null : version.handler(), version.memoryMb(),
				version.timeoutSeconds(), version.ephemeralStorageMb(), version.description(), version.environment(),
				SecretEnvironment.masked(version.secretEnvironment()), version.codeSha256(), version.codeSizeBytes(),
				version.revisionId().toString(), version.createdAt(), version.packageType(), version.imageUri(),
				version.imageConfig());
	}

}
