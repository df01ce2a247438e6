/**
 * The internal invoke API relayed for the event router: its asynchronous and event-source
 * invocations pass the same concurrency limits and placement as synchronous ones.
 */
@NullMarked
package dev.aloft.gateway.relay;

import org.jspecify.annotations.NullMarked;
