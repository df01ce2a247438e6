package dev.aloft.gateway.fakes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request a fake service received.
 *
 * @param method the HTTP method
 * @param path the raw path
 * @param query the raw query, or null
 * @param headers the headers, by case-insensitive name
 * @param body the body
 */
public record Recorded(String method, String path, @Nullable String query, Map<String, List<String>> headers,
		byte[] body) {

	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
