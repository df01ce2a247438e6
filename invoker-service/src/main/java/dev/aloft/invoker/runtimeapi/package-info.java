/**
 * The Lambda Runtime API (2018-06-01) that environments poll, on its own port.
 */
@NullMarked
package dev.aloft.invoker.runtimeapi;

import org.jspecify.annotations.NullMarked;
