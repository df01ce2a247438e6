/**
 * Invocation records and function logs: what every invocation did and cost, and what it
 * wrote, as invokers report them in batches; queried by users, followed live, and kept
 * for a bounded time.
 */
@NullMarked
package dev.aloft.controlplane.invocation;

import org.jspecify.annotations.NullMarked;
