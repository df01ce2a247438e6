package dev.aloft.controlplane.accesskey;

import java.util.EnumSet;
import java.util.Set;

/**
 * A key's role in a namespace, and what it may do there.
 */
public enum Role {

	/** Reads functions, routes and settings. */
	VIEWER(EnumSet.of(Capability.READ)),

	/** Invokes functions; nothing else. */
	INVOKER(EnumSet.of(Capability.INVOKE)),

	/** Reads, writes and invokes functions, routes and triggers. */
	DEVELOPER(EnumSet.of(Capability.READ, Capability.WRITE, Capability.INVOKE)),

	/** Everything, including who may do what in the namespace. */
	ADMIN(EnumSet.allOf(Capability.class));

	private final Set<Capability> capabilities;

	Role(Set<Capability> capabilities) {
		this.capabilities = capabilities;
	}

	/**
	 * Whether this role allows something.
	 * @param capability what
	 * @return whether it is allowed
	 */
	public boolean allows(Capability capability) {
		return this.capabilities.contains(capability);
	}

}
