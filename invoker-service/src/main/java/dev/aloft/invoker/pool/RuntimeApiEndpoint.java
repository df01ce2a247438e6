package dev.aloft.invoker.pool;

/**
 * Where an environment finds the Runtime API. Implemented by the Runtime API server, so
 * the pool does not depend on it.
 */
public interface RuntimeApiEndpoint {

	/**
	 * The value of {@code AWS_LAMBDA_RUNTIME_API} for an environment: {@code host:port}
	 * followed by the environment's secret path, which only that environment knows.
	 * @param environmentToken the environment's secret
	 * @return the address, without a scheme
	 */
	String address(String environmentToken);

}
