package dev.aloft.invoker.spi;

/**
 * A spec the backend cannot run.
 */
public class InvalidSandboxSpecException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong, for the user
	 */
	public InvalidSandboxSpecException(String message) {
		super(message);
	}

}
