package dev.aloft.contracts.config;

import org.jspecify.annotations.Nullable;

/**
 * An alias: a name that points at a published version, optionally sending a share of
 * invocations to a second version.
 *
 * @param namespace the owning namespace
 * @param functionName the function
 * @param name the alias name
 * @param functionVersion the primary version
 * @param additionalVersion the second version, if the alias splits traffic
 * @param additionalVersionWeight the share (0.0–1.0) of invocations that go to the second
 * version
 * @param revisionId changes whenever the alias changes
 */
public record AliasConfig(String namespace, String functionName, String name, String functionVersion,
		@Nullable String additionalVersion, double additionalVersionWeight,
		String revisionId) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.ALIAS;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName, this.name);
	}

	/**
	 * The feed key of an alias.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param name the alias
	 * @return the key, {@code namespace/function:alias}
	 */
	public static String keyOf(String namespace, String functionName, String name) {
		return namespace + "/" + functionName + ":" + name;
	}

}
