package dev.aloft.invoker.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the invoker reports. The slug is part of the problem's
 * {@code type} URI and, upper-cased, its stable {@code code}.
 */
public enum ProblemType {

	/** The request is malformed. */
	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),

	/**
	 * The invoker does not know the function version, even after waiting for its view.
	 */
	FUNCTION_VERSION_NOT_FOUND("function-version-not-found", HttpStatus.NOT_FOUND, "Function version not found"),

	/** The event is larger than a synchronous invocation allows. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	/** No environment could take the invocation now; it did not start. */
	NO_CAPACITY("no-capacity", HttpStatus.TOO_MANY_REQUESTS, "No capacity"),

	/** Nothing is mapped here. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	/** Something failed inside the invoker. */
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
	 * Whether trying again (here or on another invoker) may succeed.
	 * @return true for capacity and server problems
	 */
	public boolean retryable() {
		return this == NO_CAPACITY || this.status.is5xxServerError();
	}

}
