package dev.aloft.router.dispatch;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A queued row as read for status and the dead-letter store.
 *
 * @param id the row's id
 * @param kind what the row asks for
 * @param function the function invoked, or the one a delivered record is about
 * @param source what produced it
 * @param destination where a delivery goes
 * @param state where the row is in its life
 * @param attempts attempts so far that reached the function (or the destination)
 * @param enqueuedAt when the event was accepted (or redriven)
 * @param nextAttemptAt when it is next due, while queued
 * @param completedAt when it succeeded or was dead-lettered
 * @param deadLetterReason why it was dead-lettered
 * @param lastError what went wrong last
 * @param payloadSizeBytes the size of the payload
 * @param payload the payload, when it was read; otherwise empty
 */
record StoredEvent(UUID id, EventKind kind, FunctionRef function, String source, @Nullable String destination,
		EventState state, int attempts, Instant enqueuedAt, @Nullable Instant nextAttemptAt,
		@Nullable Instant completedAt, @Nullable String deadLetterReason, @Nullable String lastError,
		long payloadSizeBytes, byte[] payload) {
}
