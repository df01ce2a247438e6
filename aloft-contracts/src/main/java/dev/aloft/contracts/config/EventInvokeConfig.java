package dev.aloft.contracts.config;

import org.jspecify.annotations.Nullable;

/**
 * How asynchronous invocations of a function (or of one of its qualifiers) are retried
 * and where their outcomes go, as Lambda's {@code FunctionEventInvokeConfig}. Without
 * one, Lambda's defaults apply: 2 retries, 6 hours of event age, no destinations.
 *
 * @param namespace the owning namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param maximumRetryAttempts retries after a function error, 0–2
 * @param maximumEventAgeSeconds how long an event may wait, 60–21600
 * @param onSuccessDestination where a success record goes (a function, queue or webhook
 * address), if anywhere
 * @param onFailureDestination where a failure record goes, if anywhere
 */
public record EventInvokeConfig(String namespace, String functionName, String qualifier, int maximumRetryAttempts,
		int maximumEventAgeSeconds, @Nullable String onSuccessDestination,
		@Nullable String onFailureDestination) implements ConfigResource {

	/** Lambda's default retry attempts. */
	public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;

	/** Lambda's default maximum event age: 6 hours. */
	public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

	@Override
	public ResourceKind kind() {
		return ResourceKind.EVENT_INVOKE_CONFIG;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName, this.qualifier);
	}

	/**
	 * The feed key of an event-invoke configuration.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier the qualifier
	 * @return the key, {@code namespace/function:qualifier}
	 */
	public static String keyOf(String namespace, String functionName, String qualifier) {
		return namespace + "/" + functionName + ":" + qualifier;
	}

}
