package dev.aloft.router.dispatch;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A row this router claimed, with what its dispatch needs.
 *
 * @param id the row's id
 * @param kind what the row asks for
 * @param function the function invoked, or the one a delivered record is about
 * @param source what produced it
 * @param destination where a delivery goes
 * @param payload the event, or the destination record
 * @param configRevision the configuration revision the function was known at
 * @param attempts attempts so far that reached the function (or the destination)
 * @param deferrals throttles and platform errors since the last such attempt
 * @param enqueuedAt when the event was accepted (or redriven)
 * @param lastResponse the function's answer to the last failed attempt, if kept
 * @param executedVersion the version that ran last, if any did
 */
record ClaimedEvent(UUID id, EventKind kind, FunctionRef function, EventSource source, @Nullable String destination,
		byte[] payload, long configRevision, int attempts, int deferrals, Instant enqueuedAt,
		byte @Nullable [] lastResponse, @Nullable String executedVersion) {
}
