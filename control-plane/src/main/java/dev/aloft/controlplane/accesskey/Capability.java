package dev.aloft.controlplane.accesskey;

/**
 * Something a caller may be allowed to do in a namespace.
 */
public enum Capability {

	/** Read resources. */
	READ,

	/** Create, change and delete resources. */
	WRITE,

	/** Invoke functions. */
	INVOKE,

	/** Grant and revoke roles. */
	MANAGE_ACCESS

}
