package dev.aloft.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URI encoding of SigV4: every byte outside the RFC 3986 unreserved set
 * ({@code A-Z a-z 0-9 - _ . ~}) becomes {@code %XX} with upper-case hex, so a space is
 * {@code %20}, never {@code +}.
 * <p>
 * Works on bytes rather than decoded strings, so that a percent-escape that is not valid
 * UTF-8 survives decoding and re-encoding unchanged, as it did on the client.
 */
final class UriEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UriEncoding() {
	}

	/**
	 * Canonicalises one query-string key or value as received: decodes its
	 * percent-escapes and encodes the bytes again. A {@code +} is a literal plus (RFC
	 * 3986), not a space: the AWS SDKs encode spaces as {@code %20}.
	 */
	static String canonicalQueryComponent(String raw) {
		if (isUnreservedOnly(raw, false)) {
			return raw;
		}
		return encode(decodeToBytes(raw), false);
	}

	/**
	 * Encodes a path as it came off the wire, keeping {@code /}: its existing
	 * percent-escapes are encoded again ({@code %3A} becomes {@code %253A}). That is the
	 * second encoding SigV4 applies to the path for every service but S3.
	 */
	static String encodePath(String rawPath) {
		if (isUnreservedOnly(rawPath, true)) {
			return rawPath;
		}
		return encode(rawPath.getBytes(StandardCharsets.UTF_8), true);
	}

	/** Decodes percent-escapes into text, for query parameters the verifier reads. */
	static String decode(String raw) {
		if (raw.indexOf('%') < 0) {
			return raw;
		}
		return new String(decodeToBytes(raw), StandardCharsets.UTF_8);
	}

	private static boolean isUnreservedOnly(String value, boolean allowSlash) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!isUnreserved(c) && !(allowSlash && c == '/')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '~';
	}

	private static String encode(byte[] bytes, boolean keepSlash) {
		StringBuilder out = new StringBuilder(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (isUnreserved(c) || (keepSlash && c == '/')) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

	/**
	 * Decodes {@code %XX} escapes to bytes; any other character contributes its UTF-8
	 * bytes. A {@code %} not followed by two hex digits is kept as a literal, as lenient
	 * clients send it.
	 */
	private static byte[] decodeToBytes(String raw) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
		int i = 0;
		while (i < raw.length()) {
			char c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length()) {
				int high = Character.digit(raw.charAt(i + 1), 16);
				int low = Character.digit(raw.charAt(i + 2), 16);
				if (high >= 0 && low >= 0) {
					out.write((high << 4) | low);
					i += 3;
					continue;
				}
			}
			if (c < 0x80) {
				out.write(c);
				i++;
			}
			else {
				int end = (Character.isHighSurrogate(c) && i + 1 < raw.length()) ? i + 2 : i + 1;
				out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
				i = end;
			}
		}
		return out.toByteArray();
	}

}
