package dev.aloft.http;

import java.util.List;
import java.util.Map;

/**
 * What to send: a method, a path (already percent-encoded, with its query), headers and a
 * body. The client adds {@code Host} and {@code Content-Length} itself.
 *
 * @param method the method, e.g. {@code POST}
 * @param rawPath the encoded path and query, starting with {@code /}
 * @param headers header names and values, in order; repeated names allowed
 * @param body the body, empty for none
 */
public record HttpRequestLine(String method, String rawPath, List<Map.Entry<String, String>> headers, byte[] body) {

	public HttpRequestLine {
		headers = List.copyOf(headers);
		if (!rawPath.startsWith("/")) {
			throw new IllegalArgumentException("The path must start with '/': " + rawPath);
		}
		for (Map.Entry<String, String> header : headers) {
			if (containsLineBreak(header.getKey()) || containsLineBreak(header.getValue())) {
				throw new IllegalArgumentException("Header " + header.getKey() + " contains a line break");
			}
		}
	}

	private static boolean containsLineBreak(String value) {
		return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
	}

}
