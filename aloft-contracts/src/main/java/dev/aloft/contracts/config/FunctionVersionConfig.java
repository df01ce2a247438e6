package dev.aloft.contracts.config;

import java.util.Map;

/**
 * Everything needed to run one version of a function. {@code $LATEST} changes in place
 * (its {@code revisionId} changes with it); published versions never change.
 *
 * @param namespace the owning namespace
 * @param functionName the function's name
 * @param version {@code $LATEST} or a published version number
 * @param revisionId changes whenever the content of this version changes
 * @param runtime the runtime identifier, e.g. {@code python3.11}
 * @param handler the handler string, e.g. {@code app.handler}
 * @param memoryMb memory size in MB
 * @param timeoutSeconds the invocation timeout in seconds
 * @param ephemeralStorageMb size of the environment's {@code /tmp} in MB
 * @param environment the function's environment variables, in plain text
 * @param secretEnvironment the function's secret environment variables, each value sealed
 * with the master key for {@code env:<namespace>/<function>/<name>}; invokers open them
 * only to start an environment
 * @param codeSha256 hex SHA-256 of the code artifact (a zip)
 * @param codeSizeBytes size of the code artifact
 */
public record FunctionVersionConfig(String namespace, String functionName, String version, String revisionId,
		String runtime, String handler, int memoryMb, int timeoutSeconds, int ephemeralStorageMb,
		Map<String, String> environment, Map<String, String> secretEnvironment, String codeSha256,
		long codeSizeBytes) implements ConfigResource {

	/** The version name of the mutable, unpublished version. */
	public static final String LATEST = "$LATEST";

	public FunctionVersionConfig {
		// Versions published before secrets existed carry none.
		secretEnvironment = (secretEnvironment != null) ? Map.copyOf(secretEnvironment) : Map.of();
	}

	/**
	 * A version without secret environment variables.
	 * @param namespace the owning namespace
	 * @param functionName the function's name
	 * @param version {@code $LATEST} or a published version number
	 * @param revisionId changes whenever the content of this version changes
	 * @param runtime the runtime identifier
	 * @param handler the handler string
	 * @param memoryMb memory size in MB
	 * @param timeoutSeconds the invocation timeout in seconds
	 * @param ephemeralStorageMb size of the environment's {@code /tmp} in MB
	 * @param environment the function's environment variables, in plain text
	 * @param codeSha256 hex SHA-256 of the code artifact
	 * @param codeSizeBytes size of the code artifact
	 */
	public FunctionVersionConfig(String namespace, String functionName, String version, String revisionId,
			String runtime, String handler, int memoryMb, int timeoutSeconds, int ephemeralStorageMb,
			Map<String, String> environment, String codeSha256, long codeSizeBytes) {
		this(namespace, functionName, version, revisionId, runtime, handler, memoryMb, timeoutSeconds,
				ephemeralStorageMb, environment, Map.of(), codeSha256, codeSizeBytes);
	}

	/**
	 * The sealing context of a secret environment variable.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param name the variable's name
	 * @return {@code env:<namespace>/<function>/<name>}
	 */
	public static String secretContext(String namespace, String functionName, String name) {
		return "env:" + namespace + "/" + functionName + "/" + name;
	}

	@Override
	public ResourceKind kind() {
		return ResourceKind.FUNCTION_VERSION;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName, this.version);
	}

	/**
	 * The feed key of a function version.
	 * @param namespace the namespace
	 * @param functionName the function name
	 * @param version the version
	 * @return the key, {@code namespace/function:version}
	 */
	public static String keyOf(String namespace, String functionName, String version) {
		return namespace + "/" + functionName + ":" + version;
	}

}
