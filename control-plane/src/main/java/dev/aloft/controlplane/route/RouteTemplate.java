package dev.aloft.controlplane.route;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;

/**
 * A validated path template: literal segments, {@code {param}} segments, and an optional
 * greedy {@code {proxy+}} as the last segment. Two templates with the same shape
 * (parameter names ignored) would match the same requests, so they conflict.
 */
final class RouteTemplate {

	private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*,;=:@-]+");

	private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\+?)}");

	private static final int MAX_LENGTH = 1024;

	private final String path;

	private final String shape;

	private RouteTemplate(String path, String shape) {
		this.path = path;
		this.shape = shape;
	}

	static RouteTemplate parse(String path) {
		if (!path.startsWith("/") || path.length() > MAX_LENGTH) {
			throw invalid(path, "must start with '/' and be at most " + MAX_LENGTH + " characters");
		}
		if (path.equals("/")) {
			return new RouteTemplate(path, path);
		}
		String[] segments = path.substring(1).split("/", -1);
		StringBuilder shape = new StringBuilder();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			shape.append('/');
			Matcher parameter = PARAMETER.matcher(segment);
			if (parameter.matches()) {
				boolean greedy = !parameter.group(2).isEmpty();
				if (greedy && i != segments.length - 1) {
					throw invalid(path, "a greedy parameter {" + parameter.group(1) + "+} must be the last segment");
				}
				if (!names.add(parameter.group(1))) {
					throw invalid(path, "parameter {" + parameter.group(1) + "} appears twice");
				}
				shape.append(greedy ? "{+}" : "{}");
			}
			else if (segment.equals(".") || segment.equals("..")) {
				throw invalid(path, "has a '" + segment + "' segment, which clients remove before sending");
			}
			else if (LITERAL.matcher(segment).matches()) {
				shape.append(segment);
			}
			else {
				throw invalid(path, "segment '" + segment
						+ "' must be a literal, {name} or a final {name+}; empty segments are not allowed");
			}
		}
		return new RouteTemplate(path, shape.toString());
	}

	String path() {
		return this.path;
	}

	String shape() {
		return this.shape;
	}

	private static PlatformException invalid(String path, String reason) {
		return new PlatformException(ProblemType.VALIDATION_FAILED, "Route path '" + path + "' " + reason);
	}

}
