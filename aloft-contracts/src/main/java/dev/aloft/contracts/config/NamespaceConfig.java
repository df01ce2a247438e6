package dev.aloft.contracts.config;

/**
 * A namespace, and the 12-digit account id its functions carry in ARNs.
 *
 * @param name the namespace
 * @param accountId its account id; {@code 000000000000} for {@code default}
 */
public record NamespaceConfig(String name, String accountId) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.NAMESPACE;
	}

	@Override
	public String key() {
		return this.name;
	}

}
