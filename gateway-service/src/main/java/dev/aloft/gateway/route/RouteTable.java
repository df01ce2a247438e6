package dev.aloft.gateway.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aloft.contracts.config.RouteConfig;
import org.jspecify.annotations.Nullable;

/**
 * Routes as a trie of path segments, immutable once built. Matching prefers, segment by
 * segment, a literal over a {@code {param}} over a greedy {@code {proxy+}}, and
 * backtracks when a path matches but the method does not, so the most specific route that
 * fits both wins. An exact method beats {@code ANY} at the same path.
 */
final class RouteTable {

	static final RouteTable EMPTY = new RouteTable(new Node());

	private final Node root;

	private RouteTable(Node root) {
		this.root = root;
	}

	static RouteTable of(Collection<RouteConfig> routes) {
		Node root = new Node();
		for (RouteConfig route : routes) {
			Node node = root;
			for (String segment : segments(route.path())) {
				node = node.child(segment);
			}
			node.methods.put(route.method(), route);
		}
		return new RouteTable(root);
	}

	/**
	 * Finds the route for a request.
	 * @param method the HTTP method
	 * @param rawPath the request path, still percent-encoded
	 * @return the match, if any
	 */
	Optional<RouteMatch> match(String method, String rawPath) {
		String[] segments = segments(rawPath);
		List<String> values = new ArrayList<>();
		RouteConfig route = match(this.root, segments, 0, method, values);
		if (route == null) {
			return Optional.empty();
		}
		return Optional.of(new RouteMatch(route, bind(route, values)));
	}

	private static @Nullable RouteConfig match(Node node, String[] segments, int index, String method,
			List<String> values) {
		if (index == segments.length) {
			return node.route(method);
		}
		String segment = segments[index];
		Node literal = node.literals.get(segment);
		if (literal != null) {
			RouteConfig found = match(literal, segments, index + 1, method, values);
			if (found != null) {
				return found;
			}
		}
		if (node.parameter != null && !segment.isEmpty()) {
			values.add(segment);
			RouteConfig found = match(node.parameter, segments, index + 1, method, values);
			if (found != null) {
				return found;
			}
			values.removeLast();
		}
		if (node.greedy != null) {
			RouteConfig found = node.greedy.route(method);
			if (found != null) {
				values.add(String.join("/", Arrays.copyOfRange(segments, index, segments.length)));
				return found;
			}
		}
		return null;
	}

	/**
	 * Names the matched values with the route's own parameter names, in template order.
	 */
	private static Map<String, String> bind(RouteConfig route, List<String> values) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int next = 0;
		for (String segment : segments(route.path())) {
			if (segment.startsWith("{")) {
				String name = segment.substring(1, segment.length() - (segment.endsWith("+}") ? 2 : 1));
				parameters.put(name, decode(values.get(next++)));
			}
		}
		return parameters;
	}

	private static String[] segments(String path) {
		if (path.isEmpty() || path.equals("/")) {
			return new String[0];
		}
		return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
	}

	/**
	 * Decodes percent-escapes in a path value; a {@code +} in a path is a plus, not a
	 * space.
	 */
	private static String decode(String raw) {
		return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static final class Node {

		private final Map<String, Node> literals = new HashMap<>();

		private final Map<String, RouteConfig> methods = new HashMap<>();

		private @Nullable Node parameter;

		private @Nullable Node greedy;

		Node child(String segment) {
			if (segment.startsWith("{") && segment.endsWith("+}")) {
				if (this.greedy == null) {
					this.greedy = new Node();
				}
				return this.greedy;
			}
			if (segment.startsWith("{") && segment.endsWith("}")) {
				if (this.parameter == null) {
					this.parameter = new Node();
				}
				return this.parameter;
			}
			return this.literals.computeIfAbsent(segment, (key) -> new Node());
		}

		@Nullable RouteConfig route(String method) {
			RouteConfig exact = this.methods.get(method);
			return (exact != null) ? exact : this.methods.get(RouteConfig.ANY_METHOD);
		}

	}

}
