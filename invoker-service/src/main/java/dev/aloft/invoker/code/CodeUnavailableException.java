package dev.aloft.invoker.code;

/**
 * A function's code could not be made available on this invoker.
 */
public class CodeUnavailableException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 */
	public CodeUnavailableException(String message) {
		super(message);
	}

}
