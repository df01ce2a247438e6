package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Computes a request's signature for a given payload hash and compares it, in constant
 * time, with the one the client sent.
 */
final class SignatureCheck {

	private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
			+ "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

	private final SignedRequest request;

	private final QueryString query;

	private final SignatureParameters parameters;

	private final byte[] signingKey;

	private final HmacSha256 hmac;

	SignatureCheck(SignedRequest request, QueryString query, SignatureParameters parameters, byte[] signingKey,
			HmacSha256 hmac) {
		this.request = request;
		this.query = query;
		this.parameters = parameters;
		this.signingKey = signingKey;
		this.hmac = hmac;
	}

	SignedRequest request() {
		return this.request;
	}

	QueryString query() {
		return this.query;
	}

	SignatureParameters parameters() {
		return this.parameters;
	}

	byte[] signingKey() {
		return this.signingKey;
	}

	boolean verifies(String payloadHash) {
		String canonical = CanonicalRequest.of(this.request, this.query, this.parameters, payloadHash);
		return isProvided(sign(CanonicalRequest.stringToSign(this.parameters, canonical)));
	}

	/** Verifies, or rejects saying what the server expected, as AWS does. */
	String verify(String payloadHash) {
		String canonical = CanonicalRequest.of(this.request, this.query, this.parameters, payloadHash);
		String stringToSign = CanonicalRequest.stringToSign(this.parameters, canonical);
		String signature = sign(stringToSign);
		if (!isProvided(signature)) {
			throw new RejectionException(RejectionCode.INVALID_SIGNATURE,
					MISMATCH + "\n\nThe Canonical String for this request should have been\n'" + canonical
							+ "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
		}
		return signature;
	}

	private String sign(String stringToSign) {
		return Hex.encode(this.hmac.sign(this.signingKey, stringToSign));
	}

	/** Constant time, so that timing reveals nothing of the expected signature. */
	private boolean isProvided(String signature) {
		return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
				this.parameters.signature().getBytes(StandardCharsets.US_ASCII));
	}

}
