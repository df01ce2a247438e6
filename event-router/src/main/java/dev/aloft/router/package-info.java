/**
 * The event router: the durable async-invocation queue, retries and destinations,
 * schedules, and the queue, stream and object event sources.
 */
@NullMarked
package dev.aloft.router;

import org.jspecify.annotations.NullMarked;
