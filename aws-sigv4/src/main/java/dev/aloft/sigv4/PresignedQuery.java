package dev.aloft.sigv4;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Reads the signature of a presigned URL from its query: {@code X-Amz-Algorithm},
 * {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature}.
 */
final class PresignedQuery {

	static final String ALGORITHM = "X-Amz-Algorithm";

	static final String SIGNATURE = "X-Amz-Signature";

	private PresignedQuery() {
	}

	static SignatureParameters parse(QueryString query) {
		String algorithm = query.first(ALGORITHM);
		if (!SignatureParameters.ALGORITHM.equals(algorithm)) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
		}
		String credential = query.first("X-Amz-Credential");
		String date = query.first("X-Amz-Date");
		String signedHeaders = query.first("X-Amz-SignedHeaders");
		String signature = query.first(SIGNATURE);
		if (credential == null || date == null || signedHeaders == null || signature == null) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', "
							+ "'X-Amz-SignedHeaders' and 'X-Amz-Signature'. Re-examine the query-string parameters.");
		}
		Instant signedAt = AmzDate.parseBasic(date);
		if (signedAt == null) {
			throw AuthorizationHeader.malformedDate(date);
		}
		return new SignatureParameters(Credential.parse(credential),
				SignatureParameters.parseSignedHeaders(signedHeaders), signature,
				new Validity(signedAt, expires(query.first("X-Amz-Expires"))), true);
	}

	/**
	 * {@code X-Amz-Expires}: seconds, at most a week. Without it, a URL signed in the
	 * query is held to the clock skew, like a header signature.
	 */
	private static @Nullable Duration expires(@Nullable String value) {
		if (value == null) {
			return null;
		}
		long seconds = -1;
		if (!value.isEmpty() && value.length() <= 10 && value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			seconds = Long.parseLong(value);
		}
		if (seconds < 0) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"X-Amz-Expires should be a number of seconds, got '" + value + "'");
		}
		if (seconds > Validity.MAX_EXPIRES_SECONDS) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"X-Amz-Expires must be less than a week (in seconds) that is 604800");
		}
		return Duration.ofSeconds(seconds);
	}

}
