package dev.aloft.controlplane.function;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A function's validated configuration.
 *
 * @param runtime the runtime; null for an image
 * @param handler the handler string; empty for an image
 * @param memoryMb memory in MB
 * @param timeoutSeconds the timeout in seconds
 * @param ephemeralStorageMb {@code /tmp} size in MB
 * @param description free text
 * @param environment environment variables
 * @param imageConfig what overrides the image's entry point, command and working
 * directory; null for a zip, or an image that keeps its own
 */
record FunctionSettings(@Nullable FunctionRuntime runtime, String handler, int memoryMb, int timeoutSeconds,
		int ephemeralStorageMb, String description, Map<String, String> environment,
		@Nullable ImageConfig imageConfig) {

	/**
	 * The runtime's identifier as stored: empty for an image.
	 */
	String runtimeId() {
		return (this.runtime != null) ? this.runtime.id() : "";
	}

}
