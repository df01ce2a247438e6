package dev.aloft.router.dispatch;

/**
 * A destination record could not be written to its S3 bucket (the server unreachable,
 * busy, or refusing the request): retried with back-off, then dead-lettered.
 */
public class BucketWriteFailedException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, without the record
	 * @param cause the client's exception
	 */
	public BucketWriteFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
