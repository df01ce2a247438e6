package dev.aloft.sigv4;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...} and the request's date, with AWS's messages for what is missing.
 */
final class AuthorizationHeader {

	private AuthorizationHeader() {
	}

	static SignatureParameters parse(String header, RequestHeaders headers) {
		String value = header.trim();
		int space = value.indexOf(' ');
		String algorithm = (space < 0) ? value : value.substring(0, space);
		if (algorithm.startsWith("AWS4-") && !algorithm.equals(SignatureParameters.ALGORITHM)) {
			// SigV4a (AWS4-ECDSA-P256-SHA256) among others.
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"Unsupported AWS 'algorithm': '" + algorithm + "'. Only AWS4-HMAC-SHA256 is supported.");
		}
		String credential = null;
		String signedHeaders = null;
		String signature = null;
		if (algorithm.equals(SignatureParameters.ALGORITHM)) {
			int start = space + 1;
			while (space > 0 && start <= value.length()) {
				int end = endOfPair(value, start);
				String pair = value.substring(start, end);
				start = end + 1;
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				if (equals < 0) {
					throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
							"'" + pair + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
									+ value + "'.");
				}
				String pairValue = pair.substring(equals + 1);
				switch (pair.substring(0, equals)) {
					case "Credential" -> credential = pairValue;
					case "SignedHeaders" -> signedHeaders = pairValue;
					case "Signature" -> signature = pairValue;
					default -> {
						// Ignored, as AWS ignores unknown parameters.
					}
				}
			}
		}
		Instant signedAt = signedAt(headers);
		if (credential == null || signedHeaders == null || signature == null || signedAt == null) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE, missing(credential, "Credential")
					+ missing(signature, "Signature") + missing(signedHeaders, "SignedHeaders")
					+ ((signedAt == null)
							? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
							: "")
					+ "Authorization=" + value);
		}
		return new SignatureParameters(Credential.parse(credential),
				SignatureParameters.parseSignedHeaders(signedHeaders), signature, new Validity(signedAt, null), false);
	}

	/**
	 * Parameters are separated by commas and whitespace, as AWS reads them: a stray space
	 * inside {@code Credential=} makes its tail a pair of its own.
	 */
	private static int endOfPair(String value, int start) {
		int end = start;
		while (end < value.length() && value.charAt(end) != ',' && !Character.isWhitespace(value.charAt(end))) {
			end++;
		}
		return end;
	}

	private static String missing(@Nullable String value, String name) {
		return (value == null) ? "Authorization header requires '" + name + "' parameter. " : "";
	}

	/** {@code X-Amz-Date}, or else {@code Date}; null when neither is present. */
	private static @Nullable Instant signedAt(RequestHeaders headers) {
		String amzDate = headers.first("x-amz-date");
		if (amzDate != null) {
			Instant instant = AmzDate.parseBasic(amzDate.trim());
			if (instant == null) {
				throw malformedDate(amzDate);
			}
			return instant;
		}
		String date = headers.first("date");
		if (date != null) {
			Instant instant = AmzDate.parseHttpDate(date);
			if (instant == null) {
				throw malformedDate(date);
			}
			return instant;
		}
		return null;
	}

	static RejectionException malformedDate(String value) {
		return new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
				"Date must be in ISO-8601 'basic format'. Got '" + value
						+ "'. See http://en.wikipedia.org/wiki/ISO_8601");
	}

}
