package dev.aloft.contracts.config;

/**
 * Provisioned concurrency of a published version or an alias: how many initialised
 * environments invokers keep ready for it, ahead of any invocation and never reaped while
 * idle. Invokers split the number between them.
 *
 * @param namespace the owning namespace
 * @param functionName the function
 * @param qualifier the published version or alias the configuration was made for
 * @param functionVersion the published version that runs: the qualifier itself, or the
 * version the alias points at (its primary version); republished when the alias moves
 * @param provisionedConcurrentExecutions how many environments to keep ready, at least 1
 */
public record ProvisionedConcurrencyConfig(String namespace, String functionName, String qualifier,
		String functionVersion, int provisionedConcurrentExecutions) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.PROVISIONED_CONCURRENCY;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName, this.qualifier);
	}

	/**
	 * The feed key of a provisioned concurrency configuration.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier the version or alias
	 * @return the key, {@code namespace/function:qualifier}
	 */
	public static String keyOf(String namespace, String functionName, String qualifier) {
		return namespace + "/" + functionName + ":" + qualifier;
	}

}
