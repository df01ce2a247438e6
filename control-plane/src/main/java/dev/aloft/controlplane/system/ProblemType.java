package dev.aloft.controlplane.system;

import dev.aloft.problems.ProblemKind;

import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the control plane reports. A constant's name is the problem's
 * stable {@code code}; its {@code type} URI is derived from it.
 */
public enum ProblemType implements ProblemKind {

	/** The request body or parameters failed validation. */
	VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Request validation failed"),

	/** The request body could not be read (malformed JSON, unknown field, wrong type). */
	MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),

	/** The request carries no valid credentials. */
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Credentials required"),

	/** The caller's role does not allow this. */
	FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed"),

	/** No access key has that id. */
	ACCESS_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "Access key not found"),

	/** A namespace with that name already exists. */
	NAMESPACE_EXISTS(HttpStatus.CONFLICT, "Namespace already exists"),

	/** The namespace still holds functions or routes. */
	NAMESPACE_NOT_EMPTY(HttpStatus.CONFLICT, "Namespace not empty"),

	/** The namespace does not exist. */
	NAMESPACE_NOT_FOUND(HttpStatus.NOT_FOUND, "Namespace not found"),

	/** The function does not exist. */
	FUNCTION_NOT_FOUND(HttpStatus.NOT_FOUND, "Function not found"),

	/** A function with that name already exists. */
	FUNCTION_EXISTS(HttpStatus.CONFLICT, "Function already exists"),

	/** The code archive is not acceptable. */
	INVALID_CODE(HttpStatus.BAD_REQUEST, "Invalid code archive"),

	/** The code archive is larger than allowed. */
	CODE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Code archive too large"),

	/**
	 * A code download link was not made by this platform, was changed, or has expired.
	 */
	DOWNLOAD_LINK_REFUSED(HttpStatus.FORBIDDEN, "Download link refused"),

	/** No code artifact with that hash. */
	CODE_NOT_FOUND(HttpStatus.NOT_FOUND, "Code artifact not found"),

	/**
	 * The store that keeps code (an S3-compatible bucket) could not take or give back a
	 * zip; an upload then changed nothing.
	 */
	CODE_STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Code store unavailable"),

	/** The function has no such published version. */
	VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Version not found"),

	/** The version cannot be deleted: an alias points at it. */
	VERSION_IN_USE(HttpStatus.CONFLICT, "Version in use"),

	/** The function has no such alias. */
	ALIAS_NOT_FOUND(HttpStatus.NOT_FOUND, "Alias not found"),

	/** An alias with that name already exists. */
	ALIAS_EXISTS(HttpStatus.CONFLICT, "Alias already exists"),

	/** The function has no such setting (reserved concurrency, asynchronous settings). */
	SETTING_NOT_FOUND(HttpStatus.NOT_FOUND, "Setting not found"),

	/**
	 * A write that replaces a resource must say which state it replaces, with If-Match.
	 */
	PRECONDITION_REQUIRED(HttpStatus.PRECONDITION_REQUIRED, "If-Match required"),

	/** The resource changed since the caller read it (stale If-Match or revision id). */
	PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "Resource changed"),

	/** The route does not exist. */
	ROUTE_NOT_FOUND(HttpStatus.NOT_FOUND, "Route not found"),

	/** Another route already serves the same method and path. */
	ROUTE_CONFLICT(HttpStatus.CONFLICT, "Route conflicts with an existing route"),

	/** The event-source mapping does not exist. */
	EVENT_SOURCE_MAPPING_NOT_FOUND(HttpStatus.NOT_FOUND, "Event-source mapping not found"),

	/** A mapping of the same source to the same function already exists. */
	EVENT_SOURCE_MAPPING_EXISTS(HttpStatus.CONFLICT, "Event-source mapping already exists"),

	/** The schedule does not exist. */
	SCHEDULE_NOT_FOUND(HttpStatus.NOT_FOUND, "Schedule not found"),

	/** A schedule with that name already exists in the namespace. */
	SCHEDULE_EXISTS(HttpStatus.CONFLICT, "Schedule already exists"),

	/** The bucket notification does not exist. */
	BUCKET_NOTIFICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Bucket notification not found"),

	/**
	 * Another notification of the bucket shares an event type and could match the same
	 * keys (S3 rejects such configurations with 400).
	 */
	BUCKET_NOTIFICATION_OVERLAP(HttpStatus.BAD_REQUEST, "Bucket notifications overlap"),

	/** The function (or alias) has no URL. */
	FUNCTION_URL_NOT_FOUND(HttpStatus.NOT_FOUND, "Function URL not found"),

	/** The function (or alias) already has a URL. */
	FUNCTION_URL_EXISTS(HttpStatus.CONFLICT, "Function URL already exists"),

	/** The function's resource policy has no statement with that id. */
	PERMISSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Permission not found"),

	/** The function's resource policy already has a statement with that id. */
	PERMISSION_EXISTS(HttpStatus.CONFLICT, "Permission already exists"),

	/** The follower's revision is no longer retained: start again from a snapshot. */
	REVISION_GONE(HttpStatus.GONE, "Revision no longer retained"),

	/** The function has no record of an invocation with that request id. */
	INVOCATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Invocation not found"),

	/** A batch of invocation records and log lines is larger than accepted. */
	RECORD_BATCH_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Record batch too large"),

	/** As many live log streams are open as the control plane serves. */
	TOO_MANY_LOG_STREAMS(HttpStatus.TOO_MANY_REQUESTS, "Too many live log streams"),

	/** Nothing is mapped at the requested path and method. */
	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),

	/** Something failed inside the control plane. */
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
