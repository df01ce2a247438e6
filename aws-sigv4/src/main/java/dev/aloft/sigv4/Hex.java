package dev.aloft.sigv4;

/**
 * Lower-case hexadecimal, the only encoding SigV4 uses for hashes and signatures.
 */
final class Hex {

	private static final char[] DIGITS = "0123456789abcdef".toCharArray();

	private Hex() {
	}

	static String encode(byte[] bytes) {
		char[] chars = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			chars[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
			chars[2 * i + 1] = DIGITS[bytes[i] & 0xF];
		}
		return new String(chars);
	}

	/**
	 * Whether a value is a SHA-256 in hex, as {@code x-amz-content-sha256} carries it.
	 * Upper-case digits are accepted: the value is compared case-insensitively with the
	 * body's hash, but signed exactly as sent.
	 */
	static boolean isSha256(String value) {
		if (value.length() != 64) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.digit(value.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

}
