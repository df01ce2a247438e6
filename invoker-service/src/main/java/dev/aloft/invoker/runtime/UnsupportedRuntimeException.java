package dev.aloft.invoker.runtime;

/**
 * This invoker cannot run the runtime a function names.
 */
public class UnsupportedRuntimeException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is missing
	 */
	public UnsupportedRuntimeException(String message) {
		super(message);
	}

}
