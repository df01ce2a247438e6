package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Computes the signature of one chunk of an {@code aws-chunked} body: each chunk's string
 * to sign chains the previous chunk's signature, starting from the seed signature of the
 * headers.
 */
final class ChunkSigner {

	private static final String ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";

	private final byte[] signingKey;

	private final String amzDate;

	private final String scope;

	ChunkSigner(byte[] signingKey, String amzDate, String scope) {
		this.signingKey = signingKey;
		this.amzDate = amzDate;
		this.scope = scope;
	}

	String sign(String previousSignature, byte[] chunk, int length) {
		MessageDigest digest = Sha256.newDigest();
		digest.update(chunk, 0, length);
		String stringToSign = ALGORITHM + "\n" + this.amzDate + "\n" + this.scope + "\n" + previousSignature + "\n"
				+ Sha256.EMPTY_HEX + "\n" + Hex.encode(digest.digest());
		return Hex.encode(new HmacSha256().sign(this.signingKey, stringToSign.getBytes(StandardCharsets.UTF_8)));
	}

}
