package dev.aloft.sigv4;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The headers of a request: names are case-insensitive, and every value of a repeated
 * header is kept, in the order received, because SigV4 signs them all
 * ({@code my-header:value2,value2,value1}). Immutable.
 * <p>
 * Give each header line its own value, as {@code HttpServletRequest.getHeaders(name)}
 * does: a proxy that folds repeated headers into one comma-separated line changes what
 * was signed ({@code a, b} is not {@code a,b}).
 */
public final class RequestHeaders {

	private static final RequestHeaders EMPTY = new RequestHeaders(Map.of());

	/** Values by lower-cased name. */
	private final Map<String, List<String>> values;

	private RequestHeaders(Map<String, List<String>> values) {
		this.values = values;
	}

	/**
	 * No headers.
	 * @return the empty headers
	 */
	public static RequestHeaders empty() {
		return EMPTY;
	}

	/**
	 * Copies headers from a map such as Spring's {@code HttpHeaders}; names that differ
	 * only in case are merged.
	 * @param headers values by name
	 * @return the headers
	 */
	public static RequestHeaders of(Map<String, ? extends Collection<String>> headers) {
		Builder builder = builder();
		headers.forEach((name, values) -> values.forEach((value) -> builder.add(name, value)));
		return builder.build();
	}

	/**
	 * Starts headers to be added one line at a time.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Every value of a header, in the order received.
	 * @param name the header name, in any case
	 * @return the values, empty when the header is absent
	 */
	public List<String> values(String name) {
		List<String> found = this.values.get(lowerCase(name));
		return (found != null) ? found : List.of();
	}

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header is absent
	 */
	public @Nullable String first(String name) {
		List<String> found = this.values.get(lowerCase(name));
		return (found != null) ? found.get(0) : null;
	}

	/**
	 * Whether a header is present.
	 * @param name the header name, in any case
	 * @return true if it has at least one value
	 */
	public boolean contains(String name) {
		return this.values.containsKey(lowerCase(name));
	}

	/**
	 * The names of all headers.
	 * @return the names, lower-cased
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.values.keySet());
	}

	@Override
	public String toString() {
		// Names only: values include credentials (Authorization, X-Amz-Security-Token).
		return "RequestHeaders" + this.values.keySet();
	}

	static String lowerCase(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				return name.toLowerCase(Locale.ROOT);
			}
		}
		return name;
	}

	/**
	 * Collects header lines.
	 */
	public static final class Builder {

		private final Map<String, List<String>> values = new HashMap<>();

		private Builder() {
		}

		/**
		 * Adds one header line; a repeated name adds a value.
		 * @param name the header name, in any case
		 * @param value the value as received
		 * @return this builder
		 */
		public Builder add(String name, String value) {
			this.values.computeIfAbsent(lowerCase(name), (key) -> new ArrayList<>(1)).add(value);
			return this;
		}

		/**
		 * Builds the immutable headers.
		 * @return the headers
		 */
		public RequestHeaders build() {
			Map<String, List<String>> copy = new HashMap<>(this.values.size() * 2);
			this.values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
			return new RequestHeaders(copy);
		}

	}

}
