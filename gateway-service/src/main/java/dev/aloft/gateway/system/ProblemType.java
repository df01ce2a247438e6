package dev.aloft.gateway.system;

import dev.aloft.problems.ProblemKind;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the gateway reports. A constant's name is the problem's stable
 * {@code code}; its {@code type} URI is derived from it.
 */
public enum ProblemType implements ProblemKind {

	/** The request is malformed. */
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),

	/** An internal endpoint was called without the services' internal token. */
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Unauthenticated"),

	/**
	 * A relayed invocation named a function version this gateway's view does not hold
	 * (yet).
	 */
	FUNCTION_VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Function version not found"),

	/**
	 * The connection to the invoker broke while it ran the invocation: the function may
	 * have run, so it is not tried on another invoker.
	 */
	INVOKER_LOST(HttpStatus.BAD_GATEWAY, "Invoker lost"),

	/** No route matches the method and path. */
	ROUTE_NOT_FOUND(HttpStatus.NOT_FOUND, "No route matches"),

	/** The request body is larger than a synchronous invocation allows. */
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	/** The route's function (or version) does not exist. */
	FUNCTION_NOT_FOUND(HttpStatus.BAD_GATEWAY, "Route target not found"),

	/** The function failed: it threw, crashed or reported an error. */
	FUNCTION_ERROR(HttpStatus.BAD_GATEWAY, "Function error"),

	/** The function returned something that is not a valid response. */
	MALFORMED_FUNCTION_RESPONSE(HttpStatus.BAD_GATEWAY, "Malformed function response"),

	/** The function ran past its timeout. */
	FUNCTION_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Function timed out"),

	/** The caller exceeded a concurrency or rate limit. */
	THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/**
	 * The function's environment could not be started (its code, runtime or image):
	 * trying again soon will not help.
	 */
	ENVIRONMENT_NOT_STARTED(HttpStatus.BAD_GATEWAY, "Function environment not started"),

	/** No invoker could take the invocation now. */
	NO_CAPACITY(HttpStatus.SERVICE_UNAVAILABLE, "No capacity"),

	/**
	 * The event router did not confirm that it stored an asynchronous event: it was not
	 * accepted.
	 */
	EVENT_NOT_ACCEPTED(HttpStatus.SERVICE_UNAVAILABLE, "Event not accepted"),

	/** Something failed inside the gateway. */
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

	/**
	 * A function's own failure (502, 504) is not worth retrying blindly: it would run
	 * again.
	 */
	@Override
	public boolean retryable() {
		return this == THROTTLED || this == NO_CAPACITY || this == EVENT_NOT_ACCEPTED || this == INTERNAL_ERROR;
	}

}
