package dev.aloft.sigv4;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a signature was made and for how long it holds: a header signature within the
 * allowed clock skew of its {@code X-Amz-Date}, a presigned URL until
 * {@code X-Amz-Date + X-Amz-Expires}.
 *
 * @param signedAt when the client signed
 * @param expires how long a presigned URL is valid, or {@code null} for the clock skew
 */
record Validity(Instant signedAt, @Nullable Duration expires) {

	/** The longest a presigned URL may be valid, as AWS allows: one week. */
	static final long MAX_EXPIRES_SECONDS = 604_800;

	/** The timestamp as it appears in the string to sign. */
	String amzDate() {
		return AmzDate.formatBasic(this.signedAt);
	}

	void check(Instant now, Duration maxSkew) {
		Instant latest = now.plus(maxSkew);
		if (this.signedAt.isAfter(latest)) {
			throw expired("Signature not yet current: " + amzDate() + " is still later than "
					+ AmzDate.formatBasic(latest) + " (" + AmzDate.formatBasic(now) + " + " + describe(maxSkew) + ")");
		}
		Duration window = (this.expires != null) ? this.expires : maxSkew;
		Instant earliest = now.minus(window);
		if (this.signedAt.isBefore(earliest)) {
			throw expired("Signature expired: " + amzDate() + " is now earlier than " + AmzDate.formatBasic(earliest)
					+ " (" + AmzDate.formatBasic(now) + " - " + describe(window) + ")");
		}
	}

	private static RejectionException expired(String message) {
		return new RejectionException(RejectionCode.SIGNATURE_EXPIRED, message);
	}

	/**
	 * As AWS words it: {@code 15 min.}; seconds when the duration is not whole minutes.
	 */
	private static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds % 60 == 0) ? (seconds / 60) + " min." : seconds + " sec.";
	}

}
