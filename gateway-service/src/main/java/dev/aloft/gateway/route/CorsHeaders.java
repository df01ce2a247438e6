package dev.aloft.gateway.route;

import java.util.List;
import java.util.Locale;

import dev.aloft.contracts.config.FunctionUrlConfig.Cors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * CORS as API Gateway HTTP APIs and function URLs apply it: preflight requests are
 * answered by the gateway without invoking the function; actual responses get the
 * configured headers — and lose any CORS headers the function set, which the
 * configuration replaces. Headers are added only for a request whose {@code Origin} is
 * allowed; {@code allowOrigins} takes exact origins, {@code *}, and {@code https://*} or
 * {@code http://*} for every origin of a scheme.
 */
final class CorsHeaders {

	private static final String WILDCARD = "*";

	private CorsHeaders() {
	}

	/**
	 * Whether a request is a CORS preflight: {@code OPTIONS} with {@code Origin} and
	 * {@code Access-Control-Request-Method}.
	 * @param request the request
	 * @return whether it is
	 */
	static boolean isPreflight(HttpServletRequest request) {
		return "OPTIONS".equals(request.getMethod()) && request.getHeader(HttpHeaders.ORIGIN) != null
				&& request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
	}

	/**
	 * Answers a preflight: 204, with the allow headers when the origin is allowed.
	 * Whether the method and headers are acceptable is the browser's to decide from them.
	 * @param cors the settings
	 * @param request the preflight
	 * @param response the response to write
	 */
	static void preflight(Cors cors, HttpServletRequest request, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (allowsOrigin(cors, origin)) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin(cors, origin));
			if (cors.allowCredentials()) {
				response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
			}
			String methods = listOrEcho(cors.allowMethods(),
					request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD));
			if (methods != null) {
				response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods);
			}
			String headers = listOrEcho(cors.allowHeaders(),
					request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS));
			if (headers != null) {
				response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
			}
			if (cors.maxAgeSeconds() > 0) {
				response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Integer.toString(cors.maxAgeSeconds()));
			}
		}
		response.setContentLength(0);
	}

	/**
	 * Adds the headers of an actual (not preflight) response. {@code Vary: Origin}
	 * always, since the answer depends on the origin.
	 * @param cors the settings
	 * @param request the request
	 * @param response the response being written
	 */
	static void actual(Cors cors, HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (!allowsOrigin(cors, origin)) {
			return;
		}
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin(cors, origin));
		if (cors.allowCredentials()) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (!cors.exposeHeaders().isEmpty()) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(",", cors.exposeHeaders()));
		}
	}

	/**
	 * Whether a header is a CORS response header, which a function's response may not set
	 * where the gateway applies CORS.
	 * @param name the header's name
	 * @return whether it is
	 */
	static boolean isCorsHeader(String name) {
		return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
	}

	static boolean allowsOrigin(Cors cors, @Nullable String origin) {
		if (origin == null || origin.isEmpty()) {
			return false;
		}
		String lower = origin.toLowerCase(Locale.ROOT);
		for (String allowed : cors.allowOrigins()) {
			String allowedLower = allowed.toLowerCase(Locale.ROOT);
			if (allowedLower.equals(WILDCARD) || allowedLower.equals(lower)) {
				return true;
			}
			if (allowedLower.endsWith("://*") && lower.startsWith(allowedLower.substring(0, allowedLower.length() - 1))
					&& lower.length() > allowedLower.length() - 1) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code *} when any origin is allowed without credentials; otherwise the origin
	 * itself, since browsers refuse {@code *} on credentialed requests.
	 */
	private static String allowOrigin(Cors cors, String origin) {
		return (cors.allowOrigins().contains(WILDCARD) && !cors.allowCredentials()) ? WILDCARD : origin;
	}

	/**
	 * The configured values joined; for {@code *}, what the browser asked for (browsers
	 * ignore {@code *} on credentialed requests); null when there is nothing to send.
	 */
	private static @Nullable String listOrEcho(List<String> configured, @Nullable String requested) {
		if (configured.contains(WILDCARD)) {
			return (requested != null && !requested.isBlank()) ? requested : WILDCARD;
		}
		return configured.isEmpty() ? null : String.join(",", configured);
	}

}
