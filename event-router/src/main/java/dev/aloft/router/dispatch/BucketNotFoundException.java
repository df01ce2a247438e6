package dev.aloft.router.dispatch;

/**
 * The S3 server knows no bucket of a destination's name: a permanent failure, the record
 * goes to the dead-letter store at once (and can be redriven once the bucket exists).
 */
public class BucketNotFoundException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was looked for, and where
	 * @param cause the server's answer
	 */
	public BucketNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
