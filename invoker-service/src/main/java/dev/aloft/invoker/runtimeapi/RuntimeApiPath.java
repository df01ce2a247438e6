package dev.aloft.invoker.runtimeapi;

import org.jspecify.annotations.Nullable;

/**
 * A Runtime API path split into its parts: {@code /<secret>/<version>/<call>}, where the
 * secret is the calling environment's 32 lower-case hex digits and the version has the
 * shape of a date ({@code 2018-06-01}). Parsed by hand rather than by a pattern, as every
 * invocation's {@code next} and {@code response} go through it.
 *
 * @param token the environment's secret
 * @param version the API version, such as {@code 2018-06-01}
 * @param call the rest of the path, from the slash after the version
 */
record RuntimeApiPath(String token, String version, String call) {

	private static final int TOKEN_LENGTH = 32;

	/** {@code 20dd-dd-dd}. */
	private static final int VERSION_LENGTH = 10;

	/**
	 * The slash, the secret, the slash, the version and the slash that starts the call.
	 */
	private static final int PREFIX_LENGTH = 1 + TOKEN_LENGTH + 1 + VERSION_LENGTH + 1;

	/**
	 * The parts of a Runtime API path.
	 * @param uri the request URI, as sent (not decoded)
	 * @return its parts, or {@code null} if it is not a Runtime API path
	 */
	static @Nullable RuntimeApiPath parse(String uri) {
		if (uri.length() < PREFIX_LENGTH || uri.charAt(0) != '/' || uri.charAt(TOKEN_LENGTH + 1) != '/'
				|| uri.charAt(PREFIX_LENGTH - 1) != '/') {
			return null;
		}
		for (int i = 1; i <= TOKEN_LENGTH; i++) {
			char c = uri.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return null;
			}
		}
		int versionStart = TOKEN_LENGTH + 2;
		if (!isVersion(uri, versionStart)) {
			return null;
		}
		return new RuntimeApiPath(uri.substring(1, TOKEN_LENGTH + 1),
				uri.substring(versionStart, versionStart + VERSION_LENGTH), uri.substring(PREFIX_LENGTH - 1));
	}

	/** {@code 20dd-dd-dd} at {@code start}. */
	private static boolean isVersion(String uri, int start) {
		for (int i = 0; i < VERSION_LENGTH; i++) {
			char c = uri.charAt(start + i);
			boolean expected = switch (i) {
				case 0 -> c == '2';
				case 1 -> c == '0';
				case 4, 7 -> c == '-';
				default -> c >= '0' && c <= '9';
			};
			if (!expected) {
				return false;
			}
		}
		return true;
	}

}
