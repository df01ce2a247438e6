package dev.aloft.router.dispatch;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a claimed row ends its claim: done, back in the queue for a later attempt, or
 * dead-lettered.
 *
 * @param state the row's next state
 * @param attempts attempts so far that reached the function (or the destination)
 * @param deferrals throttles and platform errors since the last such attempt
 * @param nextAttemptAt when to try again, when queued again
 * @param reason why it was dead-lettered
 * @param lastError what went wrong last, for operators; never the payload
 * @param lastResponse the function's answer to the last failed attempt
 * @param executedVersion the version that ran last
 */
record Settlement(EventState state, int attempts, int deferrals, @Nullable Instant nextAttemptAt,
		@Nullable DeadLetterReason reason, @Nullable String lastError, byte @Nullable [] lastResponse,
		@Nullable String executedVersion) {

	static Settlement succeeded(int attempts, @Nullable String executedVersion) {
		return new Settlement(EventState.SUCCEEDED, attempts, 0, null, null, null, null, executedVersion);
	}

	static Settlement retry(Instant at, int attempts, int deferrals, String lastError, byte @Nullable [] lastResponse,
			@Nullable String executedVersion) {
		return new Settlement(EventState.QUEUED, attempts, deferrals, at, null, lastError, lastResponse,
				executedVersion);
	}

	static Settlement dead(DeadLetterReason reason, int attempts, int deferrals, String lastError,
			byte @Nullable [] lastResponse, @Nullable String executedVersion) {
		return new Settlement(EventState.DEAD, attempts, deferrals, null, reason, lastError, lastResponse,
				executedVersion);
	}

}
