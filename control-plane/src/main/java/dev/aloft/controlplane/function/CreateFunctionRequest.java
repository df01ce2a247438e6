package dev.aloft.controlplane.function;

import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a function. Unset numbers take Lambda's defaults.
 *
 * @param name 1-64 letters, digits, hyphens or underscores
 * @param runtime a runtime identifier, e.g. {@code python3.11}; required for a zip, left
 * out for an image
 * @param handler the handler, e.g. {@code app.handler}; required for a zip, left out for
 * an image
 * @param memoryMb 128-10240, default 128
 * @param timeoutSeconds 1-900, default 3
 * @param ephemeralStorageMb 512-10240, default 512
 * @param description up to 256 characters
 * @param environment environment variables (4 KB in all, with the secret ones)
 * @param code the code, unless sent as a multipart part
 * @param secretEnvironment secret environment variables: stored and published only
 * sealed, shown only masked (see {@link SecretEnvironment})
 * @param packageType {@code Zip} or {@code Image}; by default {@code Image} when
 * {@code code.imageUri} is given, {@code Zip} otherwise
 * @param imageConfig what overrides the image's entry point, command and working
 * directory (images only)
 */
public record CreateFunctionRequest(@NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String name,
		@Nullable String runtime, @Nullable @Size(max = 128) @Pattern(regexp = "\\S+") String handler,
		@Nullable @Min(128) @Max(10240) Integer memoryMb, @Nullable @Min(1) @Max(900) Integer timeoutSeconds,
		@Nullable @Min(512) @Max(10240) Integer ephemeralStorageMb, @Nullable @Size(max = 256) String description,
		@Nullable Map<String, String> environment, @Nullable @Valid CodeRequest code,
		@Nullable Map<String, @Nullable String> secretEnvironment,
		@Nullable @Pattern(regexp = "Zip|Image") String packageType,
		@Nullable @Valid ImageConfig imageConfig) implements FunctionSettingsRequest {

	/**
	 * Creates a zip function.
	 * @param name the name
	 * @param runtime the runtime
	 * @param handler the handler
	 * @param memoryMb memory in MB, or null
	 * @param timeoutSeconds the timeout, or null
	 * @param ephemeralStorageMb {@code /tmp} in MB, or null
	 * @param description the description, or null
	 * @param environment environment variables, or null
	 * @param code the code, or null
	 * @param secretEnvironment secret environment variables, or null
	 */
	public CreateFunctionRequest(String name, String runtime, String handler, @Nullable Integer memoryMb,
			@Nullable Integer timeoutSeconds, @Nullable Integer ephemeralStorageMb, @Nullable String description,
			@Nullable Map<String, String> environment, @Nullable CodeRequest code,
			@Nullable Map<String, @Nullable String> secretEnvironment) {
		this(name, runtime, handler, memoryMb, timeoutSeconds, ephemeralStorageMb, description, environment, code,
				secretEnvironment, null, null);
	}

	/**
	 * Creates a function without secret environment variables.
	 * @param name the name
	 * @param runtime the runtime
	 * @param handler the handler
	 * @param memoryMb memory in MB, or null
	 * @param timeoutSeconds the timeout, or null
	 * @param ephemeralStorageMb {@code /tmp} in MB, or null
	 * @param description the description, or null
	 * @param environment environment variables, or null
	 * @param code the code, or null
	 */
	public CreateFunctionRequest(String name, String runtime, String handler, @Nullable Integer memoryMb,
			@Nullable Integer timeoutSeconds, @Nullable Integer ephemeralStorageMb, @Nullable String description,
			@Nullable Map<String, String> environment, @Nullable CodeRequest code) {
		this(name, runtime, handler, memoryMb, timeoutSeconds, ephemeralStorageMb, description, environment, code, null,
				null, null);
	}

	/**
	 * Leaves the secret values out, so the request can never be logged with them.
	 */
	@Override
	public String toString() {
		return "CreateFunctionRequest[name=" + this.name + ", packageType=" + this.packageType + ", runtime="
				+ this.runtime + ", handler=" + this.handler + ", secretEnvironment="
				+ ((this.secretEnvironment != null) ? this.secretEnvironment.keySet() : "[]") + "]";
	}

	/**
	 * The package type the request names, or the one its code implies.
	 * @return {@code Zip} or {@code Image}
	 */
	String packageTypeOrDefault() {
		if (this.packageType != null) {
			return this.packageType;
		}
		return (this.code != null && this.code.imageUri() != null) ? FunctionVersionConfig.IMAGE
				: FunctionVersionConfig.ZIP;
	}

	/**
	 * Function code in a JSON request: a zip, or a container image.
	 *
	 * @param zipFile the zip, base64-encoded
	 * @param imageUri a container image reference,
	 * {@code [registry[:port]/]repository[:tag][@sha256:<hex>]}
	 */
	public record CodeRequest(@Nullable String zipFile,
			@Nullable @Size(max = ImageReference.MAX_LENGTH) String imageUri) {

		/**
		 * Code as a zip.
		 * @param zipFile the zip, base64-encoded
		 */
		public CodeRequest(@Nullable String zipFile) {
			this(zipFile, null);
		}

	}

}
