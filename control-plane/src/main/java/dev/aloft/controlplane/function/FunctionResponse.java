package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.Map;

/**
 * A function as the API shows it.
 *
 * @param namespace the owning namespace
 * @param name the function's name
 * @param runtime the runtime identifier
 * @param handler the handler
 * @param memoryMb memory in MB
 * @param timeoutSeconds timeout in seconds
 * @param ephemeralStorageMb {@code /tmp} size in MB
 * @param description free text
 * @param environment environment variables
 * @param secretEnvironment the names of the secret environment variables, each with a
 * masked value
 * @param codeSha256 hex SHA-256 of the code zip
 * @param codeSizeBytes size of the code zip
 * @param revisionId changes with every change of the function
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record FunctionResponse(String namespace, String name, String runtime, String handler, int memoryMb,
		int timeoutSeconds, int ephemeralStorageMb, String description, Map<String, String> environment,
		Map<String, String> secretEnvironment, String codeSha256, long codeSizeBytes, String revisionId,
		Instant createdAt, Instant updatedAt) {

	static FunctionResponse from(FunctionDefinition function) {
		return new FunctionResponse(function.namespace(), function.name(), function.runtime(), function.handler(),
				function.memoryMb(), function.timeoutSeconds(), function.ephemeralStorageMb(), function.description(),
				function.environment(), SecretEnvironment.masked(function.secretEnvironment()), function.codeSha256(),
				function.codeSizeBytes(), function.revisionId().toString(), function.createdAt(), function.updatedAt());
	}

}
