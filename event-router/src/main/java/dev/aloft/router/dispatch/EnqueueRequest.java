package dev.aloft.router.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * An event to invoke a function with, asynchronously.
 *
 * @param namespace the function's namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version number or an alias
 * @param source what produced the event
 * @param idempotencyKey a key that makes a repeated request enqueue nothing new, if the
 * caller has one
 * @param payload the event, opaque bytes (Lambda events are JSON)
 * @param knownRevision the configuration revision at which the caller resolved the
 * function, or -1; the router waits briefly for its own view to reach it
 */
public record EnqueueRequest(String namespace, String functionName, String qualifier, EventSource source,
		@Nullable String idempotencyKey, byte[] payload, long knownRevision) {
}
