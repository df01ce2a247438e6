/**
 * Concurrency limits on synchronous invocations: a namespace-wide limit shared by the
 * functions without reserved concurrency, and each reservation as its function's own
 * limit. Past a limit a request is throttled at once (429 with {@code Retry-After}),
 * never queued. Several gateways share the limits by each admitting a fixed share of them
 * ({@code aloft.gateway.cluster.size} and {@code index}).
 */
@NullMarked
package dev.aloft.gateway.throttle;

import org.jspecify.annotations.NullMarked;
