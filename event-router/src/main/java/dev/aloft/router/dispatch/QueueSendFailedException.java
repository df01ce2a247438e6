package dev.aloft.router.dispatch;

/**
 * A destination record could not be sent to its SQS queue (the server unreachable, busy,
 * or refusing the message): retried with back-off, then dead-lettered.
 */
public class QueueSendFailedException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, without the record
	 * @param cause the client's exception
	 */
	public QueueSendFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
