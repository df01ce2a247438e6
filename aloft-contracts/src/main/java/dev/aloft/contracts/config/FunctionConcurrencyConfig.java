package dev.aloft.contracts.config;

/**
 * A function's reserved concurrency: the most invocations of it (all versions together)
 * that may run at once. Functions without one share the namespace's unreserved
 * concurrency.
 *
 * @param namespace the owning namespace
 * @param functionName the function
 * @param reservedConcurrency the limit; 0 stops the function from running
 */
public record FunctionConcurrencyConfig(String namespace, String functionName,
		int reservedConcurrency) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.FUNCTION_CONCURRENCY;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName);
	}

	/**
	 * The feed key of a function's concurrency.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @return the key, {@code namespace/function}
	 */
	public static String keyOf(String namespace, String functionName) {
		return namespace + "/" + functionName;
	}

}
