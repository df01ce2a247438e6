/**
 * Invocation metrics (Micrometer): counts, durations, cold starts, queue waits and billed
 * GB-seconds of every invocation, and the pool's occupancy once the pool reports it.
 */
@NullMarked
package dev.aloft.invoker.metrics;

import org.jspecify.annotations.NullMarked;
