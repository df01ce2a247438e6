/**
 * Concurrency limits on synchronous invocations: a namespace-wide limit shared by the
 * functions without reserved concurrency, and each reservation as its function's own
 * limit. Past a limit a request is throttled (429 with {@code Retry-After}).
 */
@NullMarked
package dev.aloft.gateway.throttle;

import org.jspecify.annotations.NullMarked;
