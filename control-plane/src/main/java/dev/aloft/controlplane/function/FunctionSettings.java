package dev.aloft.controlplane.function;

import java.util.Map;

/**
 * A function's validated configuration.
 *
 * @param runtime the runtime
 * @param handler the handler string
 * @param memoryMb memory in MB
 * @param timeoutSeconds the timeout in seconds
 * @param ephemeralStorageMb {@code /tmp} size in MB
 * @param description free text
 * @param environment environment variables
 */
record FunctionSettings(FunctionRuntime runtime, String handler, int memoryMb, int timeoutSeconds,
		int ephemeralStorageMb, String description, Map<String, String> environment) {

}
