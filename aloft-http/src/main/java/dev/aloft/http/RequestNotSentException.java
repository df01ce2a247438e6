package dev.aloft.http;

import java.io.IOException;

/**
 * The request never reached the server: no connection could be made. The caller may
 * safely send it elsewhere, because nothing ran.
 */
public class RequestNotSentException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public RequestNotSentException(String message, Throwable cause) {
		super(message, cause);
	}

}
