package dev.aloft.router.dispatch;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where an asynchronous invocation (or a destination delivery) is.
 *
 * @param invocationId its id
 * @param kind {@code INVOCATION} or {@code DELIVERY}
 * @param namespace the function's namespace
 * @param function the function
 * @param qualifier the qualifier invoked
 * @param source what produced it
 * @param destination where a delivery goes
 * @param state {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code DEAD}
 * @param attempts attempts that reached the function (Lambda's approximate invoke count)
 * @param enqueuedAt when it was accepted (or redriven)
 * @param nextAttemptAt when it is next due, while queued
 * @param completedAt when it succeeded or was dead-lettered
 * @param deadLetterReason why it was dead-lettered
 * @param lastError what went wrong last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AsyncInvocationResponse(UUID invocationId, String kind, String namespace, String function, String qualifier,
		String source, @Nullable String destination, String state, int attempts, Instant enqueuedAt,
		@Nullable Instant nextAttemptAt, @Nullable Instant completedAt, @Nullable String deadLetterReason,
		@Nullable String lastError) {

	static AsyncInvocationResponse from(StoredEvent event) {
		return new AsyncInvocationResponse(event.id(), event.kind().name(), event.function().namespace(),
				event.function().functionName(), event.function().qualifier(), event.source(), event.destination(),
				event.state().name(), event.attempts(), event.enqueuedAt(), event.nextAttemptAt(), event.completedAt(),
				event.deadLetterReason(), event.lastError());
	}

}
