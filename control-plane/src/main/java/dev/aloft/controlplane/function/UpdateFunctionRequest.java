package dev.aloft.controlplane.function;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Replaces a function's configuration ({@code $LATEST}); its code stays. Unset numbers
 * take Lambda's defaults, as on creation.
 *
 * @param runtime a runtime identifier; required for a zip, left out for an image
 * @param handler the handler; required for a zip, left out for an image
 * @param memoryMb 128-10240, default 128
 * @param timeoutSeconds 1-900, default 3
 * @param ephemeralStorageMb 512-10240, default 512
 * @param description up to 256 characters
 * @param environment environment variables (4 KB in all, with the secret ones)
 * @param secretEnvironment secret environment variables, the whole set: a null or masked
 * value keeps the current value of that variable, and leaving the set out keeps them all
 * (see {@link SecretEnvironment})
 * @param imageConfig what overrides the image's entry point, command and working
 * directory (images only; left out, the image's own apply)
 */
public record UpdateFunctionRequest(@Nullable String runtime,
		@Nullable @Size(max = 128) @Pattern(regexp = "\\S+") String handler,
		@Nullable @Min(128) @Max(10240) Integer memoryMb, @Nullable @Min(1) @Max(900) Integer timeoutSeconds,
		@Nullable @Min(512) @Max(10240) Integer ephemeralStorageMb, @Nullable @Size(max = 256) String description,
		@Nullable Map<String, String> environment, @Nullable Map<String, @Nullable String> secretEnvironment,
		@Nullable @Valid ImageConfig imageConfig) implements FunctionSettingsRequest {

	/**
	 * Replaces the configuration of a zip function.
	 * @param runtime the runtime
	 * @param handler the handler
	 * @param memoryMb memory in MB, or null
	 * @param timeoutSeconds the timeout, or null
	 * @param ephemeralStorageMb {@code /tmp} in MB, or null
	 * @param description the description, or null
	 * @param environment environment variables, or null
	 * @param secretEnvironment secret environment variables, or null
	 */
	public UpdateFunctionRequest(String runtime, String handler, @Nullable Integer memoryMb,
			@Nullable Integer timeoutSeconds, @Nullable Integer ephemeralStorageMb, @Nullable String description,
			@Nullable Map<String, String> environment, @Nullable Map<String, @Nullable String> secretEnvironment) {
		this(runtime, handler, memoryMb, timeoutSeconds, ephemeralStorageMb, description, environment,
				secretEnvironment, null);
	}

	/**
	 * Replaces the configuration and keeps the secret environment variables as they are.
	 * @param runtime the runtime
	 * @param handler the handler
	 * @param memoryMb memory in MB, or null
	 * @param timeoutSeconds the timeout, or null
	 * @param ephemeralStorageMb {@code /tmp} in MB, or null
	 * @param description the description, or null
	 * @param environment environment variables, or null
	 */
	public UpdateFunctionRequest(String runtime, String handler, @Nullable Integer memoryMb,
			@Nullable Integer timeoutSeconds, @Nullable Integer ephemeralStorageMb, @Nullable String description,
			@Nullable Map<String, String> environment) {
		this(runtime, handler, memoryMb, timeoutSeconds, ephemeralStorageMb, description, environment, null, null);
	}

	/**
	 * Leaves the secret values out, so the request can never be logged with them.
	 */
	@Override
	public String toString() {
		return "UpdateFunctionRequest[runtime=" + this.runtime + ", handler=" + this.handler + ", secretEnvironment="
				+ ((this.secretEnvironment != null) ? this.secretEnvironment.keySet() : "[]") + "]";
	}

}
