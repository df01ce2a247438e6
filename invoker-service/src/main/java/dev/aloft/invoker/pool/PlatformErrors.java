package dev.aloft.invoker.pool;

import tools.jackson.databind.json.JsonMapper;

/**
 * Error types and payloads the platform produces when the runtime cannot answer, as
 * Lambda words them.
 */
public final class PlatformErrors {

	/** The invoker had no capacity for the invocation; it did not start. */
	public static final String NO_CAPACITY = "Aloft.NoCapacity";

	/**
	 * The environment could not be started (code, runtime or sandbox failure); it did not
	 * start.
	 */
	public static final String START_FAILED = "Aloft.StartFailed";

	/** The invocation ran past its timeout. */
	public static final String TIMEOUT = "Sandbox.Timedout";

	/** The runtime process exited. */
	public static final String EXIT_ERROR = "Runtime.ExitError";

	/** The buffered response was larger than Lambda allows. */
	public static final String RESPONSE_TOO_LARGE = "Function.ResponseSizeTooLarge";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PlatformErrors() {
	}

	static byte[] timeout(String requestId, int timeoutSeconds) {
		return error(TIMEOUT,
				"RequestId: " + requestId + " Error: Task timed out after " + timeoutSeconds + ".00 seconds");
	}

	static byte[] initTimeout(String requestId, long seconds) {
		return error(TIMEOUT, "RequestId: " + requestId + " Error: Init timed out after " + seconds + ".00 seconds");
	}

	static byte[] exit(String requestId, int exitCode) {
		String reason = (exitCode == 0) ? "Runtime exited without providing a reason"
				: "Runtime exited with error: " + exitDescription(exitCode);
		return error(EXIT_ERROR, "RequestId: " + requestId + " Error: " + reason);
	}

	static byte[] responseTooLarge(int limit) {
		return error(RESPONSE_TOO_LARGE,
				"Response payload size exceeded maximum allowed payload size (" + limit + " bytes).");
	}

	static byte[] platform(String errorType, String message) {
		return error(errorType, message);
	}

	private static String exitDescription(int exitCode) {
		return (exitCode > 128) ? "signal: " + signalName(exitCode - 128) : "exit status " + exitCode;
	}

	private static String signalName(int signal) {
		return switch (signal) {
			case 9 -> "killed";
			case 6 -> "aborted";
			case 11 -> "segmentation fault";
			case 15 -> "terminated";
			default -> "signal " + signal;
		};
	}

	/**
	 * Lambda's error JSON, {@code {"errorType":...,"errorMessage":...}}, for any message.
	 * @param errorType the error type
	 * @param message the message
	 * @return the JSON bytes
	 */
	public static byte[] error(String errorType, String message) {
		return JSON.writeValueAsBytes(new ErrorPayload(errorType, message));
	}

	/**
	 * The error body, in Lambda's field order.
	 */
	private record ErrorPayload(String errorType, String errorMessage) {
	}

}
