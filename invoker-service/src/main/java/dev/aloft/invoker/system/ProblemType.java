package dev.aloft.invoker.system;

import dev.aloft.problems.ProblemKind;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the invoker reports. A constant's name is the problem's stable
 * {@code code}; its {@code type} URI is derived from it.
 */
public enum ProblemType implements ProblemKind {

	/** The request is malformed. */
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),

	/**
	 * The invoker does not know the function version, even after waiting for its view.
	 */
	FUNCTION_VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Function version not found"),

	/** The event is larger than a synchronous invocation allows. */
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	/** No environment could take the invocation now; it did not start. */
	NO_CAPACITY(HttpStatus.TOO_MANY_REQUESTS, "No capacity"),

	/**
	 * The function's environment could not be started (its code, runtime, image or
	 * sandbox failed): not a matter of capacity, so trying again soon will not help.
	 */
	ENVIRONMENT_NOT_STARTED(HttpStatus.BAD_GATEWAY, "Environment not started"),

	/** Nothing is mapped here. */
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),

	/** Something failed inside the invoker. */
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final HttpStatus status;

	private final String title;

	ProblemType(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
