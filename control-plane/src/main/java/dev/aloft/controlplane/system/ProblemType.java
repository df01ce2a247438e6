package dev.aloft.controlplane.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the control plane reports. The slug is part of the problem's
 * {@code type} URI and, upper-cased, its stable {@code code}.
 */
public enum ProblemType {

	/** The request body or parameters failed validation. */
	VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Request validation failed"),

	/** The request body could not be read (malformed JSON, unknown field, wrong type). */
	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),

	/** The namespace does not exist. */
	NAMESPACE_NOT_FOUND("namespace-not-found", HttpStatus.NOT_FOUND, "Namespace not found"),

	/** The function does not exist. */
	FUNCTION_NOT_FOUND("function-not-found", HttpStatus.NOT_FOUND, "Function not found"),

	/** A function with that name already exists. */
	FUNCTION_EXISTS("function-exists", HttpStatus.CONFLICT, "Function already exists"),

	/** The code archive is not acceptable. */
	INVALID_CODE("invalid-code", HttpStatus.BAD_REQUEST, "Invalid code archive"),

	/** The code archive is larger than allowed. */
	CODE_TOO_LARGE("code-too-large", HttpStatus.CONTENT_TOO_LARGE, "Code archive too large"),

	/** No code artifact with that hash. */
	CODE_NOT_FOUND("code-not-found", HttpStatus.NOT_FOUND, "Code artifact not found"),

	/** The route does not exist. */
	ROUTE_NOT_FOUND("route-not-found", HttpStatus.NOT_FOUND, "Route not found"),

	/** Another route already serves the same method and path. */
	ROUTE_CONFLICT("route-conflict", HttpStatus.CONFLICT, "Route conflicts with an existing route"),

	/** The follower's revision is no longer retained: start again from a snapshot. */
	REVISION_GONE("revision-gone", HttpStatus.GONE, "Revision no longer retained"),

	/** Nothing is mapped at the requested path and method. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	/** The method is not supported at this path. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** The content type is not supported at this path. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/** Something failed inside the control plane. */
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
	 * The stable, machine-readable code, e.g. {@code FUNCTION_NOT_FOUND}.
	 * @return the code
	 */
	public String code() {
		return name();
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The short, human-readable summary.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Whether retrying the same request later may succeed.
	 * @return true for server-side problems
	 */
	public boolean retryable() {
		return this.status.is5xxServerError();
	}

}
