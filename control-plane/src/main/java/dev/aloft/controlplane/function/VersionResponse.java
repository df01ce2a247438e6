package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.Map;

/**
 * A published version as the API shows it.
 *
 * @param namespace the owning namespace
 * @param function the function's name
 * @param version the version number
 * @param runtime the runtime identifier
 * @param handler the handler
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
 */
public record VersionResponse(String namespace, String function, String version, String runtime, String handler,
		int memoryMb, int timeoutSeconds, int ephemeralStorageMb, String description, Map<String, String> environment,
		Map<String, String> secretEnvironment, String codeSha256, long codeSizeBytes, String revisionId,
		Instant createdAt) {

	static VersionResponse from(String namespace, String function, FunctionVersion version) {
		return new VersionResponse(namespace, function, Integer.toString(version.version()), version.runtime(),
				version.handler(), version.memoryMb(), version.timeoutSeconds(), version.ephemeralStorageMb(),
				version.description(), version.environment(), SecretEnvironment.masked(version.secretEnvironment()),
				version.codeSha256(), version.codeSizeBytes(), version.revisionId().toString(), version.createdAt());
	}

}
