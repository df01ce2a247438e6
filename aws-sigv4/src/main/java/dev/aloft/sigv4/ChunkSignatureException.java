package dev.aloft.sigv4;

import java.io.IOException;

/**
 * An {@code aws-chunked} body failed verification while it was read: a chunk's signature
 * does not match, the framing is malformed, or the body is truncated. Answer with
 * {@link RejectionCode#INVALID_SIGNATURE} if nothing has been answered yet.
 */
public class ChunkSignatureException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what failed
	 */
	public ChunkSignatureException(String message) {
		super(message);
	}

}
