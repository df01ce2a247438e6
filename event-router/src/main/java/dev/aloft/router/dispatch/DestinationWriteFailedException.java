package dev.aloft.router.dispatch;

/**
 * A destination record could not be written to its queue or bucket (the server
 * unreachable, busy, or refusing it): retried with back-off, then dead-lettered.
 */
public class DestinationWriteFailedException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed, without the record
	 * @param cause the client's exception
	 */
	public DestinationWriteFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
