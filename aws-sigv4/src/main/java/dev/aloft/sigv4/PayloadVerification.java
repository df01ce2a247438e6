package dev.aloft.sigv4;

/**
 * Which payload hash a request signed, from {@code x-amz-content-sha256} (or, for a
 * presigned URL, {@code X-Amz-Content-Sha256} or nothing), and what it promises about the
 * body: a hex hash must match the body; {@code UNSIGNED-PAYLOAD} promises nothing;
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} hands the seed signature on to check the
 * chunks.
 */
final class PayloadVerification {

	private static final String CONTENT_SHA256 = "x-amz-content-sha256";

	private PayloadVerification() {
	}

	/**
	 * Verifies the signature with the payload hash the client signed, then what that hash
	 * promises about the body. The body is hashed only when the signature needs it, and,
	 * for a declared hash, only after the signature has verified, so that unauthenticated
	 * requests cost no hashing of their bodies.
	 */
	static PayloadSigning verify(SignatureCheck check) {
		SignedRequest request = check.request();
		SignatureParameters parameters = check.parameters();
		String declared = request.headers().first(CONTENT_SHA256);
		if (declared == null && parameters.presigned()) {
			declared = check.query().first("X-Amz-Content-Sha256");
		}
		if (declared == null) {
			if (!parameters.presigned()) {
				String sha256 = request.payload().sha256Hex();
				check.verify(sha256);
				return new PayloadSigning.Signed(sha256);
			}
			return verifyPresigned(check);
		}
		declared = declared.trim();
		if (Hex.isSha256(declared)) {
			check.verify(declared);
			String sha256 = request.payload().sha256Hex();
			if (!declared.equalsIgnoreCase(sha256)) {
				throw new RejectionException(RejectionCode.CONTENT_SHA256_MISMATCH,
						"The provided 'x-amz-content-sha256' header does not match what was computed.");
			}
			return new PayloadSigning.Signed(sha256);
		}
		return switch (declared) {
			case PayloadSigning.UNSIGNED_PAYLOAD -> {
				check.verify(declared);
				yield new PayloadSigning.Unsigned();
			}
			case PayloadSigning.STREAMING_SIGNED_PAYLOAD -> {
				String seedSignature = check.verify(declared);
				ChunkSigner chunkSigner = new ChunkSigner(check.signingKey(), parameters.validity().amzDate(),
						parameters.credential().scope().value());
				yield new SignedChunks(chunkSigner, seedSignature, decodedContentLength(request.headers()));
			}
			case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
					"STREAMING-AWS4-HMAC-SHA256-EVENTS" -> {
				check.verify(declared);
				yield new PayloadSigning.UnverifiedStreaming(declared);
			}
			default -> throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
							+ "or a valid sha256 value.");
		};
	}

	/**
	 * A presigned URL that declares no payload hash: botocore signs the body's hash
	 * (empty for a GET), S3 presigners sign {@code UNSIGNED-PAYLOAD}. Try the likelier
	 * first; the second costs one more HMAC, and only for a URL that fails the first.
	 */
	private static PayloadSigning verifyPresigned(SignatureCheck check) {
		SignedRequest request = check.request();
		SignatureParameters parameters = check.parameters();
		boolean s3 = CanonicalRequest.isS3(parameters.credential().scope().service());
		String sha256 = request.payload().sha256Hex();
		String first = s3 ? PayloadSigning.UNSIGNED_PAYLOAD : sha256;
		String second = s3 ? sha256 : PayloadSigning.UNSIGNED_PAYLOAD;
		String signed = first;
		if (!check.verifies(first)) {
			check.verify(second);
			signed = second;
		}
		return signed.equals(PayloadSigning.UNSIGNED_PAYLOAD) ? new PayloadSigning.Unsigned()
				: new PayloadSigning.Signed(sha256);
	}

	private static long decodedContentLength(RequestHeaders headers) {
		String value = headers.first("x-amz-decoded-content-length");
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"x-amz-decoded-content-length must be a number, got '" + value + "'");
		}
	}

}
