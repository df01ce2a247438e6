/**
 * Invocation records and function log lines, which invokers and the router send to the
 * control plane in batches.
 */
@NullMarked
package dev.aloft.contracts.records;

import org.jspecify.annotations.NullMarked;
