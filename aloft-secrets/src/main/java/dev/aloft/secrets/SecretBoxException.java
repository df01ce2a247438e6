package dev.aloft.secrets;

/**
 * A sealed secret that cannot be opened. Its message never contains the secret.
 */
public class SecretBoxException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message why
	 */
	public SecretBoxException(String message) {
		super(message);
	}

}
