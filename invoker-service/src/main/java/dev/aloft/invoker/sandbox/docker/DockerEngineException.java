package dev.aloft.invoker.sandbox.docker;

/**
 * The Docker engine could not be reached, or refused a request.
 */
public class DockerEngineException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what failed
	 * @param cause the underlying failure, or null
	 */
	public DockerEngineException(String message, Throwable cause) {
		super(message, cause);
	}

}
