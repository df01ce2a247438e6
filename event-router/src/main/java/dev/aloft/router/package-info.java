/**
 * The event router: the durable async-invocation queue, retries and destinations,
 * schedules, and the queue, stream and object event sources.
 * <p>
 * Features: {@code dispatch} (the queue, its workers, retries, destinations and dead
 * letters; see its package documentation for the delivery guarantees), {@code catalog}
 * (functions and triggers as seen on the control plane's configuration feed),
 * {@code invoke} (the invokers' internal API), {@code schedule} (firing schedules into
 * the queue), {@code bucket} (writing destination records to S3 buckets) and
 * {@code system} (problem responses).
 */
@NullMarked
package dev.aloft.router;

import org.jspecify.annotations.NullMarked;
