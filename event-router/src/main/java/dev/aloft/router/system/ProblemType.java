package dev.aloft.router.system;

import dev.aloft.problems.ProblemKind;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the event router reports. A constant's name is the problem's
 * stable {@code code}; its {@code type} URI is derived from it.
 */
public enum ProblemType implements ProblemKind {

	/** The request cannot be read. */
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),

	/** The request was read but breaks a rule. */
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed"),

	/** The caller did not present the services' internal token. */
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Unauthenticated"),

	/** The function, or its version or alias, does not exist. */
	FUNCTION_NOT_FOUND(HttpStatus.NOT_FOUND, "Function not found"),

	/** No asynchronous invocation has this id (or it finished and was purged). */
	ASYNC_INVOCATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Asynchronous invocation not found"),

	/** No dead letter has this id. */
	DEAD_LETTER_NOT_FOUND(HttpStatus.NOT_FOUND, "Dead letter not found"),

	/** The event is larger than an asynchronous invocation allows. */
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	/**
	 * The router's view of the configuration is not loaded yet, or behind the revision
	 * the caller knows: it cannot tell whether the function exists. Retry shortly.
	 */
	CONFIGURATION_NOT_CURRENT(HttpStatus.SERVICE_UNAVAILABLE, "Configuration not current"),

	/** Nothing is mapped here. */
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),

	/** Something failed inside the router; nothing was accepted. */
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
