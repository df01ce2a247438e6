package dev.aloft.gateway.awsapi;

import java.util.Map;
import java.util.Set;

/**
 * A verified caller: an access key and its role per namespace ({@code *}: every
 * namespace).
 *
 * @param accessKeyId the key
 * @param roles role name per namespace
 */
public record GatewayCaller(String accessKeyId, Map<String, String> roles) {

	private static final String EVERY_NAMESPACE = "*";

	private static final Set<String> INVOKING_ROLES = Set.of("INVOKER", "DEVELOPER", "ADMIN");

	public GatewayCaller {
		roles = Map.copyOf(roles);
	}

	/**
	 * Whether the caller may invoke functions of a namespace.
	 * @param namespace the namespace
	 * @return whether it may
	 */
	public boolean mayInvoke(String namespace) {
		String role = this.roles.getOrDefault(namespace, this.roles.get(EVERY_NAMESPACE));
		return role != null && INVOKING_ROLES.contains(role);
	}

	/**
	 * The namespace a function named without an account id is looked up in: the caller's
	 * only namespace when it has exactly one, else {@code default}.
	 * @return the namespace
	 */
	public String homeNamespace() {
		Set<String> concrete = this.roles.keySet()
			.stream()
			.filter((namespace) -> !namespace.equals(EVERY_NAMESPACE))
			.collect(java.util.stream.Collectors.toSet());
		return (concrete.size() == 1) ? concrete.iterator().next() : "default";
	}

}
