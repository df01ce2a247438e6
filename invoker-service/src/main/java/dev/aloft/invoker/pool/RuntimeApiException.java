package dev.aloft.invoker.pool;

/**
 * A Runtime API call that is not allowed now, answered as Lambda does:
 * {@code {"errorType": ..., "errorMessage": ...}} with the given status.
 */
public class RuntimeApiException extends RuntimeException {

	private final int status;

	private final String errorType;

	RuntimeApiException(int status, String errorType, String errorMessage) {
		super(errorMessage);
		this.status = status;
		this.errorType = errorType;
	}

	static RuntimeApiException invalidRequestId() {
		return new RuntimeApiException(400, "InvalidRequestID", "Invalid request ID");
	}

	static RuntimeApiException invalidStateTransition(String from, String to) {
		return new RuntimeApiException(403, "InvalidStateTransition", "State transition from " + from + " to " + to
				+ " failed for runtime. Error: State transition is not allowed");
	}

	static RuntimeApiException unknownEnvironment() {
		return new RuntimeApiException(403, "AccessDenied", "Unknown runtime environment");
	}

	static RuntimeApiException environmentGone() {
		return new RuntimeApiException(500, "InternalServerError", "Internal Server Error");
	}

	/**
	 * The HTTP status to answer with.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Lambda's error type.
	 * @return the error type
	 */
	public String errorType() {
		return this.errorType;
	}

}
