package dev.aloft.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks an {@code x-api-key} value against the SHA-256 digests a route holds (the keys
 * themselves are never stored). Every digest is compared, in constant time, so the time
 * taken tells nothing about which key came close.
 */
final class ApiKeys {

	private ApiKeys() {
	}

	/**
	 * Whether a presented key is one of the accepted ones.
	 * @param presented the header's value, or null when absent
	 * @param acceptedSha256 lowercase hex SHA-256 digests of the accepted keys
	 * @return whether it is accepted
	 */
	static boolean accepts(@Nullable String presented, List<String> acceptedSha256) {
		if (presented == null || presented.isEmpty()) {
			return false;
		}
		byte[] digest = sha256Hex(presented).getBytes(StandardCharsets.US_ASCII);
		boolean match = false;
		for (String accepted : acceptedSha256) {
			match |= MessageDigest.isEqual(digest, accepted.getBytes(StandardCharsets.US_ASCII));
		}
		return match;
	}

	/**
	 * The lowercase hex SHA-256 of a key, as the control plane stores it.
	 * @param key the key
	 * @return its digest
	 */
	static String sha256Hex(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
