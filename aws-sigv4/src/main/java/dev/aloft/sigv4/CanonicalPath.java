package dev.aloft.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical URI of a request: the path as it came off the wire, normalised and
 * encoded again.
 * <p>
 * For every service but S3, SigV4 removes {@code .} and {@code ..} segments and empty
 * segments ({@code //}), as botocore and the official test suite do, then URI-encodes the
 * already encoded path a second time: the SDK sends Lambda's {@code my-fn:$LATEST} as
 * {@code my-fn%3A%24LATEST} and signs {@code my-fn%253A%2524LATEST}. S3 signs its path as
 * sent.
 */
final class CanonicalPath {

	private CanonicalPath() {
	}

	static String of(String rawPath, boolean s3) {
		if (rawPath.isEmpty()) {
			return "/";
		}
		if (s3) {
			return rawPath;
		}
		return UriEncoding.encodePath(normalize(rawPath));
	}

	/**
	 * Removes dot segments (RFC 3986 section 5.2.4) and empty segments, keeping a leading
	 * and a trailing slash. A {@code ..} above the root is dropped.
	 */
	static String normalize(String path) {
		if (path.indexOf("//") < 0 && path.indexOf("/.") < 0 && !path.startsWith(".")) {
			return path;
		}
		List<String> segments = new ArrayList<>();
		int start = 0;
		while (start <= path.length()) {
			int end = path.indexOf('/', start);
			if (end < 0) {
				end = path.length();
			}
			String segment = path.substring(start, end);
			if (segment.equals("..")) {
				if (!segments.isEmpty()) {
					segments.remove(segments.size() - 1);
				}
			}
			else if (!segment.isEmpty() && !segment.equals(".")) {
				segments.add(segment);
			}
			start = end + 1;
		}
		StringBuilder normalized = new StringBuilder(path.length());
		if (path.charAt(0) == '/') {
			normalized.append('/');
		}
		normalized.append(String.join("/", segments));
		if (path.charAt(path.length() - 1) == '/' && !segments.isEmpty()) {
			normalized.append('/');
		}
		return normalized.isEmpty() ? "/" : normalized.toString();
	}

}
