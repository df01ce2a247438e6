/**
 * Execution environments and the warm pool: how many exist per function version, their
 * lifecycle, and handing invocations to them.
 */
@NullMarked
package dev.aloft.invoker.pool;

import org.jspecify.annotations.NullMarked;
