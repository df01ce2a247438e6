package dev.aloft.gateway.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the gateway reports. The slug is part of the problem's
 * {@code type} URI and, upper-cased, its stable {@code code}.
 */
public enum ProblemType {

	/** The request is malformed. */
	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),

	/** No route matches the method and path. */
	ROUTE_NOT_FOUND("route-not-found", HttpStatus.NOT_FOUND, "No route matches"),

	/** The request body is larger than a synchronous invocation allows. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	/** The route's function (or version) does not exist. */
	FUNCTION_NOT_FOUND("function-not-found", HttpStatus.BAD_GATEWAY, "Route target not found"),

	/** The function failed: it threw, crashed or reported an error. */
	FUNCTION_ERROR("function-error", HttpStatus.BAD_GATEWAY, "Function error"),

	/** The function returned something that is not a valid response. */
	MALFORMED_FUNCTION_RESPONSE("malformed-function-response", HttpStatus.BAD_GATEWAY, "Malformed function response"),

	/** The function ran past its timeout. */
	FUNCTION_TIMEOUT("function-timeout", HttpStatus.GATEWAY_TIMEOUT, "Function timed out"),

	/** The caller exceeded a concurrency or rate limit. */
	THROTTLED("throttled", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/** No invoker could take the invocation now. */
	NO_CAPACITY("no-capacity", HttpStatus.SERVICE_UNAVAILABLE, "No capacity"),

	/** Something failed inside the gateway. */
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private static final String TYPE_BASE = "https://docs.aloft.dev/problems/";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	/**
	 * The problem's {@code type} URI.
	 * @return the URI
	 */
	public URI uri() {
		return URI.create(TYPE_BASE + this.slug);
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The short summary.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Whether trying again later may succeed.
	 * @return true for capacity, throttling and server problems
	 */
	public boolean retryable() {
		return this == THROTTLED || this == NO_CAPACITY || this == INTERNAL_ERROR;
	}

}
