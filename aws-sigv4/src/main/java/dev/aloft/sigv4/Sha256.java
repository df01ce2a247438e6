package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests, hex-encoded where SigV4 wants text.
 */
final class Sha256 {

	/** The hash of an empty body, which every GET signs. */
	static final String EMPTY_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	private Sha256() {
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

	static byte[] digest(byte[] bytes) {
		return newDigest().digest(bytes);
	}

	static String hex(byte[] bytes) {
		return (bytes.length == 0) ? EMPTY_HEX : Hex.encode(digest(bytes));
	}

	static String hex(String text) {
		return Hex.encode(digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
