package dev.aloft.router.dispatch;

/**
 * The SQS server knows no queue of a destination's name: a permanent failure, the record
 * goes to the dead-letter store at once (and can be redriven once the queue exists).
 */
public class QueueNotFoundException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was looked for, and where
	 * @param cause the server's answer
	 */
	public QueueNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
