package dev.aloft.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What came back.
 *
 * @param status the status code
 * @param headers header values by lower-case name
 * @param body the body, empty for none
 */
public record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body) {

	public HttpAnswer {
		headers = Map.copyOf(headers);
	}

	/**
	 * The first value of a header.
	 * @param name the header's name, in any case
	 * @return its first value, or null when absent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.getFirst() : null;
	}

}
