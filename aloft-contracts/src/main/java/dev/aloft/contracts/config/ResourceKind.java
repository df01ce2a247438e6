package dev.aloft.contracts.config;

/**
 * The kinds of resource carried on the configuration feed.
 */
public enum ResourceKind {

	/** A function version: {@code $LATEST} or a published number. */
	FUNCTION_VERSION,

	/** An HTTP route served by the gateway. */
	ROUTE,

	/** An alias of a function. */
	ALIAS,

	/**
	 * How a function's asynchronous invocations are retried, and where their outcomes go.
	 */
	EVENT_INVOKE_CONFIG,

	/** A function's reserved concurrency. */
	FUNCTION_CONCURRENCY,

	/** A queue or stream the router polls for a function. */
	EVENT_SOURCE_MAPPING,

	/** A schedule that invokes a function. */
	SCHEDULE,

	/** Object events of a bucket that invoke a function. */
	BUCKET_NOTIFICATION,

	/** A function's URL on the gateway. */
	FUNCTION_URL,

	/** A namespace and its account id. */
	NAMESPACE,

	/** An access key, its sealed secret and its roles. */
	ACCESS_KEY,

	/**
	 * How many initialised environments are kept ready for a published version or an
	 * alias.
	 */
	PROVISIONED_CONCURRENCY,

	/**
	 * One access key's permission to invoke one function (or one of its qualifiers),
	 * whatever the key's roles.
	 */
	FUNCTION_PERMISSION

}
