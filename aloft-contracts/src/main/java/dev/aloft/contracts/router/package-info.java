/**
 * The event router's internal API: the durable queue of asynchronous invocations.
 */
@NullMarked
package dev.aloft.contracts.router;

import org.jspecify.annotations.NullMarked;
