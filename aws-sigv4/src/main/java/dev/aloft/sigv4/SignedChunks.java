package dev.aloft.sigv4;

import java.io.InputStream;

/**
 * The body is sent {@code aws-chunked} with {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}:
 * the headers carry the seed signature, which has been verified, and each chunk is signed
 * with the signature before it. Read the body through {@link #decode(InputStream)}, which
 * checks every chunk.
 */
public final class SignedChunks implements PayloadSigning {

	private final ChunkSigner signer;

	private final String seedSignature;

	private final long decodedContentLength;

	SignedChunks(ChunkSigner signer, String seedSignature, long decodedContentLength) {
		this.signer = signer;
		this.seedSignature = seedSignature;
		this.decodedContentLength = decodedContentLength;
	}

	/**
	 * The length of the decoded body, from {@code x-amz-decoded-content-length}.
	 * @return the length, or -1 when the header is absent
	 */
	public long decodedContentLength() {
		return this.decodedContentLength;
	}

	/**
	 * Decodes an {@code aws-chunked} body, checking each chunk's signature before handing
	 * out its bytes. A chunk that does not verify, malformed framing, a truncated body or
	 * a decoded length other than {@link #decodedContentLength()} fail the read with a
	 * {@link ChunkSignatureException}. Chunks are held in memory one at a time, up to 8
	 * MiB each.
	 * @param awsChunkedBody the body as received
	 * @return the decoded body
	 */
	public InputStream decode(InputStream awsChunkedBody) {
		return new AwsChunkedInputStream(awsChunkedBody, this.signer, this.seedSignature, this.decodedContentLength);
	}

	@Override
	public String toString() {
		return "SignedChunks[decodedContentLength=" + this.decodedContentLength + "]";
	}

}
