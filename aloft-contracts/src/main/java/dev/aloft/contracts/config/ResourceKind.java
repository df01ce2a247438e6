package dev.aloft.contracts.config;

/**
 * The kinds of resource carried on the configuration feed.
 */
public enum ResourceKind {

	/** A function version: {@code $LATEST} or a published number. */
	FUNCTION_VERSION,

	/** An HTTP route served by the gateway. */
	ROUTE

}
