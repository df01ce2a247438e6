package dev.aloft.router.dispatch;

/**
 * The destination does not exist (no SQS queue, no S3 bucket of its name): a permanent
 * failure, the record goes to the dead-letter store at once (and can be redriven once the
 * destination exists).
 */
public class DestinationNotFoundException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was looked for, and where
	 * @param cause the server's answer
	 */
	public DestinationNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
