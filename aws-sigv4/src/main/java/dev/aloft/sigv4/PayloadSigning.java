package dev.aloft.sigv4;

/**
 * How far a verified request's body is covered by its signature, from its
 * {@code x-amz-content-sha256}.
 */
public sealed interface PayloadSigning
		permits PayloadSigning.Signed, PayloadSigning.Unsigned, SignedChunks, PayloadSigning.UnverifiedStreaming {

	/** The value of {@code x-amz-content-sha256} for a body the signature leaves out. */
	String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	/** The value of {@code x-amz-content-sha256} for a body sent in signed chunks. */
	String STREAMING_SIGNED_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

	/**
	 * The body's SHA-256 was signed, and the body hashes to it.
	 *
	 * @param sha256 the body's SHA-256, hex
	 */
	record Signed(String sha256) implements PayloadSigning {

	}

	/**
	 * The client signed {@code UNSIGNED-PAYLOAD}: the body is not covered (the SDKs do
	 * this over HTTPS, trusting TLS for the body's integrity).
	 */
	record Unsigned() implements PayloadSigning {

	}

	/**
	 * A streaming mode whose chunks this library does not check: the trailer variants
	 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER},
	 * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}) and event streams. The headers are
	 * verified; the body is not.
	 *
	 * @param contentSha256 the value of {@code x-amz-content-sha256}
	 */
	record UnverifiedStreaming(String contentSha256) implements PayloadSigning {

	}

}
