package dev.aloft.router.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * Why a row ended in the dead-letter store. The first three are Lambda's failure
 * conditions and also go to the on-failure destination.
 */
enum DeadLetterReason {

	/** The function failed on every attempt allowed. */
	RETRIES_EXHAUSTED("RetriesExhausted", true),

	/** The event grew older than its maximum event age before it could succeed. */
	EVENT_AGE_EXCEEDED("EventAgeExceeded", true),

	/** The function's reserved concurrency is 0: it may not run at all. */
	ZERO_RESERVED_CONCURRENCY("ZeroReservedConcurrency", true),

	/** The function (or its qualifier) no longer exists. */
	FUNCTION_NOT_FOUND("FunctionNotFound", false),

	/** The invoker refused the invocation for good. */
	INVOCATION_REJECTED("InvocationRejected", false),

	/** A destination function, SQS queue or S3 bucket does not exist. */
	DESTINATION_NOT_FOUND("DestinationNotFound", false),

	/**
	 * A destination of a kind the router does not deliver to (SNS, EventBridge, Kafka,
	 * FIFO queues).
	 */
	DESTINATION_UNSUPPORTED("DestinationUnsupported", false),

	/** A destination address that is not valid. */
	DESTINATION_INVALID("DestinationInvalid", false),

	/** A webhook, SQS queue or S3 bucket destination kept failing. */
	DESTINATION_FAILED("DestinationFailed", false);

	private final String value;

	private final boolean failureCondition;

	DeadLetterReason(String value, boolean failureCondition) {
		this.value = value;
		this.failureCondition = failureCondition;
	}

	/**
	 * The reason as stored, shown and tagged, e.g. {@code RetriesExhausted}.
	 */
	String value() {
		return this.value;
	}

	/**
	 * Whether this is a failure condition of the invocation that its on-failure
	 * destination hears of (the record's {@code condition}).
	 */
	boolean failureCondition() {
		return this.failureCondition;
	}

	static @Nullable DeadLetterReason of(@Nullable String value) {
		for (DeadLetterReason reason : values()) {
			if (reason.value.equals(value)) {
				return reason;
			}
		}
		return null;
	}

}
