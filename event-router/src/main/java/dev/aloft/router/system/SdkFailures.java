package dev.aloft.router.system;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How a failed AWS SDK call is described in dead letters and logs, by the senders of
 * destination records (SQS queues, S3 buckets).
 */
public final class SdkFailures {

	private static final int MAX_DETAIL_LENGTH = 300;

	private SdkFailures() {
	}

	/**
	 * What went wrong, without the request's content: the server's error code and status,
	 * or the client's exception.
	 * @param ex the failure
	 * @return a short description
	 */
	public static String describe(SdkException ex) {
		if (ex instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			return service.awsErrorDetails().errorCode() + " (" + service.statusCode() + ")";
		}
		String message = ex.getMessage();
		String detail = ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
		// Client messages can run long (the SDK appends advice); the gist comes first.
		return (detail.length() > MAX_DETAIL_LENGTH) ? detail.substring(0, MAX_DETAIL_LENGTH) + "…" : detail;
	}

}
