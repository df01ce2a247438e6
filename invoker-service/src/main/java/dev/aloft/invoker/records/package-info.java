/**
 * Invocation records and function logs: every log line and every completed invocation,
 * buffered in memory (bounded) and shipped to the control plane in batches; and the
 * structured debug log of each invocation.
 */
@NullMarked
package dev.aloft.invoker.records;

import org.jspecify.annotations.NullMarked;
