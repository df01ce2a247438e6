/**
 * Runtimes: how each runtime identifier starts its bootstrap process.
 */
@NullMarked
package dev.aloft.invoker.runtime;

import org.jspecify.annotations.NullMarked;
