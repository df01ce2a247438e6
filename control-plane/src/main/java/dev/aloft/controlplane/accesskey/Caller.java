package dev.aloft.controlplane.accesskey;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling: an access key and its roles. A platform administrator holds the admin
 * role in every namespace ({@code *}).
 *
 * @param accessKeyId the key
 * @param roles the key's role per namespace
 */
public record Caller(String accessKeyId, Map<String, Role> roles) {

	/** The namespace name that means every namespace. */
	public static final String EVERY_NAMESPACE = "*";

	/**
	 * The request attribute that holds the authenticated caller. A filter that
	 * authenticates a request before the access-key filter (the Lambda API's SigV4
	 * filter) sets it, and the access-key filter then lets the request through.
	 */
	public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

	public Caller {
		roles = Map.copyOf(roles);
	}

	/**
	 * The caller's role in a namespace.
	 * @param namespace the namespace
	 * @return the role, or null when the caller has none there
	 */
	public @Nullable Role roleIn(String namespace) {
		Role role = this.roles.get(namespace);
		return (role != null) ? role : this.roles.get(EVERY_NAMESPACE);
	}

	/**
	 * Whether the caller may do something in a namespace.
	 * @param namespace the namespace
	 * @param capability what
	 * @return whether it may
	 */
	public boolean may(String namespace, Capability capability) {
		Role role = roleIn(namespace);
		return role != null && role.allows(capability);
	}

	/**
	 * Whether the caller administers the whole platform: namespaces and access keys.
	 * @return whether it does
	 */
	public boolean platformAdmin() {
		return this.roles.get(EVERY_NAMESPACE) == Role.ADMIN;
	}

}
