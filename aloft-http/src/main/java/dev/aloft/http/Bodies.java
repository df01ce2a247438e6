package dev.aloft.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reading a request body up to a limit. {@link InputStream#readNBytes(int)} with the
 * limit starts with a 16 KB buffer and copies the result out of it, for every body, the
 * empty ones included; a body whose length is declared is read straight into an array of
 * that size instead, which matters on the hot path, where most bodies are a few hundred
 * bytes.
 */
public final class Bodies {

	private static final byte[] EMPTY = new byte[0];

	private Bodies() {
	}

	/**
	 * The body, or its first {@code limit + 1} bytes when it is longer than the limit, so
	 * that the caller can tell it was too large.
	 * @param in the body
	 * @param declaredLength its declared length ({@code Content-Length}), or a negative
	 * number when none was declared (a chunked body)
	 * @param limit the longest body accepted
	 * @return the bytes read: at most {@code limit + 1}, fewer if the body ended early
	 * @throws IOException if reading fails
	 */
	public static byte[] readAtMost(InputStream in, long declaredLength, int limit) throws IOException {
		if (declaredLength == 0) {
			return EMPTY;
		}
		int length = (declaredLength > 0 && declaredLength <= limit) ? (int) declaredLength : limit + 1;
		return in.readNBytes(length);
	}

}
