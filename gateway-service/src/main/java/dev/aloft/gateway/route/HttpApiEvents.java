package dev.aloft.gateway.route;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Builds the payload-2.0 event for a request, as API Gateway does.
 */
final class HttpApiEvents {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private HttpApiEvents() {
	}

	/**
	 * The event for one request to a route without an authorizer.
	 * @param request the request
	 * @param body the request body (already read)
	 * @param match the route it matched
	 * @param requestId the request's id
	 * @param accountId the owning account
	 * @param received when the request arrived
	 * @return the event
	 */
	static HttpApiEvent of(HttpServletRequest request, byte[] body, RouteMatch match, String requestId,
			String accountId, Instant received) {
		return of(request, body, HttpTarget.of(match, request.getRequestURI()), null, requestId, accountId, received);
	}

	/**
	 * The event for one request.
	 * @param request the request
	 * @param body the request body (already read)
	 * @param target the route or function URL it addressed
	 * @param authorizer what the authorizer established, or null
	 * @param requestId the request's id
	 * @param accountId the owning account
	 * @param received when the request arrived
	 * @return the event
	 */
	static HttpApiEvent of(HttpServletRequest request, byte[] body, HttpTarget target,
			@Nullable Map<String, Object> authorizer, String requestId, String accountId, Instant received) {
		String rawPath = target.rawPath();
		String rawQuery = (request.getQueryString() != null) ? request.getQueryString() : "";
		Map<String, String> headers = new LinkedHashMap<>();
		List<String> cookies = new ArrayList<>();
		Enumeration<String> names = request.getHeaderNames();
		while (names.hasMoreElements()) {
			String name = names.nextElement();
			String lower = name.toLowerCase(Locale.ROOT);
			List<String> values = new ArrayList<>();
			request.getHeaders(name).asIterator().forEachRemaining(values::add);
			if (lower.equals("cookie")) {
				values.forEach((value) -> splitCookies(value, cookies));
				continue;
			}
			headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
		}
		String domainName = (target.domainName() != null) ? target.domainName() : domainName(request);
		String routeKey = target.routeKey();
		HttpApiEvent.Http http = new HttpApiEvent.Http(request.getMethod(), rawPath, request.getProtocol(),
				request.getRemoteAddr(),
				(request.getHeader("User-Agent") != null) ? request.getHeader("User-Agent") : "");
		HttpApiEvent.RequestContext context = new HttpApiEvent.RequestContext(accountId, target.apiId(), authorizer,
				domainName, domainName.split("\\.", 2)[0], http, requestId, routeKey, "$default", TIME.format(received),
				received.toEpochMilli());
		String text = (body.length == 0) ? null : textOrNull(body, request.getContentType());
		String encodedBody = (body.length == 0) ? null
				: (text != null) ? text : Base64.getEncoder().encodeToString(body);
		return new HttpApiEvent("2.0", routeKey, rawPath, rawQuery, cookies.isEmpty() ? null : cookies, headers,
				queryParameters(rawQuery), context, encodedBody,
				target.pathParameters().isEmpty() ? null : target.pathParameters(), body.length > 0 && text == null,
				null);
	}

	private static void splitCookies(String header, List<String> cookies) {
		for (String cookie : header.split(";")) {
			String trimmed = cookie.trim();
			if (!trimmed.isEmpty()) {
				cookies.add(trimmed);
			}
		}
	}

	private static @Nullable Map<String, String> queryParameters(String rawQuery) {
		if (rawQuery.isEmpty()) {
			return null;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			parameters.merge(name, value, (a, b) -> a + "," + b);
		}
		return parameters.isEmpty() ? null : parameters;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	/**
	 * The host the client addressed, without its port.
	 */
	static String domainName(HttpServletRequest request) {
		String host = request.getHeader("Host");
		if (host == null || host.isEmpty()) {
			return request.getServerName();
		}
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		return (colon < 0) ? host : host.substring(0, colon);
	}

	/**
	 * The body as text when its content type is textual and it is valid UTF-8; otherwise
	 * null, and the event carries it base64-encoded.
	 */
	private static @Nullable String textOrNull(byte[] body, @Nullable String contentType) {
		if (contentType == null || !isTextual(contentType.toLowerCase(Locale.ROOT))) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static boolean isTextual(String contentType) {
		return contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("xml")
				|| contentType.contains("javascript") || contentType.startsWith("application/x-www-form-urlencoded")
				|| contentType.contains("yaml") || contentType.contains("graphql");
	}

}
