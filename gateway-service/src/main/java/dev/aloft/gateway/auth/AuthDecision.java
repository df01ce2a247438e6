package dev.aloft.gateway.auth;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Whether a request may call a route or function URL.
 */
public sealed interface AuthDecision {

	/**
	 * The request may go on.
	 *
	 * @param authorizer what the event's {@code requestContext.authorizer} carries (for
	 * example {@code {"jwt": {"claims": ..., "scopes": ...}}}), or null when the route
	 * has no authorizer
	 */
	record Allowed(@Nullable Map<String, Object> authorizer) implements AuthDecision {
	}

	/**
	 * The request is refused, answered as API Gateway does:
	 * {@code {"message":"Unauthorized"}} (401) for missing or invalid credentials,
	 * {@code {"message":"Forbidden"}} (403) for a caller without the right.
	 *
	 * @param status 401 or 403
	 * @param message {@code Unauthorized} or {@code Forbidden}
	 */
	record Denied(int status, String message) implements AuthDecision {

		static final Denied UNAUTHORIZED = new Denied(401, "Unauthorized");

		static final Denied FORBIDDEN = new Denied(403, "Forbidden");

	}

}
