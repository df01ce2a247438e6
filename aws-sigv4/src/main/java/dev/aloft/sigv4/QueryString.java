package dev.aloft.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A raw query string split into its parameters, without decoding them, so that the
 * canonical form can be built from exactly what the client sent.
 */
final class QueryString {

	private static final QueryString EMPTY = new QueryString(List.of());

	private static final Comparator<Parameter> CANONICAL_ORDER = Comparator.comparing(Parameter::key)
		.thenComparing(Parameter::value);

	private final List<Parameter> parameters;

	private QueryString(List<Parameter> parameters) {
		this.parameters = parameters;
	}

	static QueryString parse(String rawQuery) {
		if (rawQuery.isEmpty()) {
			return EMPTY;
		}
		List<Parameter> parameters = new ArrayList<>();
		int start = 0;
		while (start <= rawQuery.length()) {
			int end = rawQuery.indexOf('&', start);
			if (end < 0) {
				end = rawQuery.length();
			}
			if (end > start) {
				int equals = rawQuery.indexOf('=', start);
				if (equals < 0 || equals > end) {
					parameters.add(new Parameter(rawQuery.substring(start, end), ""));
				}
				else {
					parameters
						.add(new Parameter(rawQuery.substring(start, equals), rawQuery.substring(equals + 1, end)));
				}
			}
			start = end + 1;
		}
		return new QueryString(parameters);
	}

	/**
	 * The decoded value of the first parameter with exactly this name (the
	 * {@code X-Amz-*} names are unreserved, so their raw and decoded forms are the same).
	 */
	@Nullable String first(String name) {
		for (Parameter parameter : this.parameters) {
			if (parameter.key().equals(name)) {
				return UriEncoding.decode(parameter.value());
			}
		}
		return null;
	}

	/**
	 * The canonical query string: each key and value re-encoded, sorted by key and then
	 * by value, parameters with an empty key left out (as the SDK leaves them out).
	 * @param excludedKey a parameter to leave out ({@code X-Amz-Signature} of a presigned
	 * URL), or {@code null}
	 */
	String canonical(@Nullable String excludedKey) {
		if (this.parameters.isEmpty()) {
			return "";
		}
		List<Parameter> canonical = new ArrayList<>(this.parameters.size());
		for (Parameter parameter : this.parameters) {
			String key = UriEncoding.canonicalQueryComponent(parameter.key());
			if (!key.isEmpty() && !key.equals(excludedKey)) {
				canonical.add(new Parameter(key, UriEncoding.canonicalQueryComponent(parameter.value())));
			}
		}
		// Canonical keys and values are ASCII, so String order is byte order.
		canonical.sort(CANONICAL_ORDER);
		StringBuilder out = new StringBuilder(64 * canonical.size());
		for (Parameter parameter : canonical) {
			if (!out.isEmpty()) {
				out.append('&');
			}
			out.append(parameter.key()).append('=').append(parameter.value());
		}
		return out.toString();
	}

	private record Parameter(String key, String value) {
	}

}
