package dev.aloft.router.dispatch;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A row to add to the queue.
 *
 * @param id the row's id; for an invocation, also its Lambda request id
 * @param kind what the row asks for
 * @param function the function invoked, or the one a delivered record is about
 * @param source what produced it
 * @param destination where a delivery goes
 * @param idempotencyKey the caller's idempotency key, if any
 * @param payload the event, or the destination record
 * @param configRevision the configuration revision the function was known at
 */
record NewEvent(UUID id, EventKind kind, FunctionRef function, EventSource source, @Nullable String destination,
		@Nullable String idempotencyKey, byte[] payload, long configRevision) {

	static NewEvent invocation(FunctionRef function, EventSource source, @Nullable String idempotencyKey,
			byte[] payload, long configRevision) {
		return new NewEvent(UUID.randomUUID(), EventKind.INVOCATION, function, source, null, idempotencyKey, payload,
				configRevision);
	}

	static NewEvent delivery(FunctionRef about, String destination, byte[] record, long configRevision) {
		return new NewEvent(UUID.randomUUID(), EventKind.DELIVERY, about, EventSource.DESTINATION, destination, null,
				record, configRevision);
	}

}
