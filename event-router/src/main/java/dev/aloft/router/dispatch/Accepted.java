package dev.aloft.router.dispatch;

import java.util.UUID;

/**
 * An event the queue holds durably.
 *
 * @param invocationId the invocation's id, also its Lambda request id
 * @param duplicate whether an earlier request with the same idempotency key enqueued it
 */
public record Accepted(UUID invocationId, boolean duplicate) {
}
