package dev.aloft.sigv4;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request whose signature is to be verified, independent of any server API.
 * <p>
 * From a servlet request: {@code getMethod()}, {@code getRequestURI()} (the path still
 * percent-encoded, exactly as received) and {@code getQueryString()} (raw, or
 * {@code null}), every header line through {@code getHeaders(name)}, and the body.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param rawPath the path exactly as received, still percent-encoded, e.g.
 * {@code /2015-03-31/functions/my-fn%3A%24LATEST/configuration}
 * @param rawQuery the query string exactly as received, without {@code ?}; empty when
 * there is none
 * @param headers the headers
 * @param payload the body, or a way to hash it
 */
public record SignedRequest(String method, String rawPath, String rawQuery, RequestHeaders headers, Payload payload) {

	/**
	 * Creates the request.
	 * @param method the HTTP method
	 * @param rawPath the raw path
	 * @param rawQuery the raw query string; {@code null} is taken as empty
	 * @param headers the headers
	 * @param payload the body
	 */
	public SignedRequest(String method, String rawPath, @Nullable String rawQuery, RequestHeaders headers,
			Payload payload) {
		this.method = Objects.requireNonNull(method, "method");
		this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
		this.rawQuery = (rawQuery != null) ? rawQuery : "";
		this.headers = Objects.requireNonNull(headers, "headers");
		this.payload = Objects.requireNonNull(payload, "payload");
	}

}
