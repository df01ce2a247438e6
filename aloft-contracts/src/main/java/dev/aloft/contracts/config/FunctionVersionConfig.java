package dev.aloft.contracts.config;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
 * @param codeSha256 hex SHA-256 of the code artifact (a zip); for an {@link #IMAGE}, the
 * digest the image reference pins, or else the SHA-256 of the reference's text: there is
 * no artifact to download
 * @param codeSizeBytes size of the code artifact; 0 for an {@link #IMAGE}
 * @param packageType {@link #ZIP} (the runtime and handler run the code artifact) or
 * {@link #IMAGE} (the container image runs; runtime and handler are empty); records
 * published before images existed read as {@link #ZIP}
 * @param imageUri the container image reference, e.g.
 * {@code registry.example:5000/team/fn:1.4} or {@code ...@sha256:<hex>}; null for a zip
 * @param imageConfig what overrides the image's own entry point, command and working
 * directory; null when nothing does (and always for a zip)
 */
public record FunctionVersionConfig(String namespace, String functionName, String version, String revisionId,
		String runtime, String handler, int memoryMb, int timeoutSeconds, int ephemeralStorageMb,
		Map<String, String> environment, Map<String, String> secretEnvironment, String codeSha256, long codeSizeBytes,
		String packageType, @Nullable String imageUri, @Nullable ImageConfig imageConfig) implements ConfigResource {

	/** The version name of the mutable, unpublished version. */
	public static final String LATEST = "$LATEST";

	/** The package type of code that runs on a managed runtime from a zip. */
	public static final String ZIP = "Zip";

	/** The package type of code that runs as a container image. */
	public static final String IMAGE = "Image";

	public FunctionVersionConfig {
		// Versions published before secrets existed carry none.
		secretEnvironment = (secretEnvironment != null) ? Map.copyOf(secretEnvironment) : Map.of();
		// Versions published before images existed are zips.
		packageType = (packageType != null) ? packageType : ZIP;
	}

	/**
	 * A zip version: the parameter list before container images existed.
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
	 * @param secretEnvironment the function's secret environment variables, sealed
	 * @param codeSha256 hex SHA-256 of the code artifact
	 * @param codeSizeBytes size of the code artifact
	 */
	public FunctionVersionConfig(String namespace, String functionName, String version, String revisionId,
			String runtime, String handler, int memoryMb, int timeoutSeconds, int ephemeralStorageMb,
			Map<String, String> environment, Map<String, String> secretEnvironment, String codeSha256,
			long codeSizeBytes) {
		this(namespace, functionName, version, revisionId, runtime, handler, memoryMb, timeoutSeconds,
				ephemeralStorageMb, environment, secretEnvironment, codeSha256, codeSizeBytes, ZIP, null, null);
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

	/**
	 * Lambda's {@code ImageConfig}: what replaces the image's {@code ENTRYPOINT},
	 * {@code CMD} and {@code WORKDIR}. An empty list or a null directory keeps the
	 * image's own.
	 *
	 * @param entryPoint the entry point, replacing the image's {@code ENTRYPOINT}
	 * @param command the arguments, replacing the image's {@code CMD}
	 * @param workingDirectory the working directory, replacing the image's
	 * {@code WORKDIR}
	 */
	public record ImageConfig(List<String> entryPoint, List<String> command, @Nullable String workingDirectory) {

		public ImageConfig {
			entryPoint = (entryPoint != null) ? List.copyOf(entryPoint) : List.of();
			command = (command != null) ? List.copyOf(command) : List.of();
		}

	}

}
