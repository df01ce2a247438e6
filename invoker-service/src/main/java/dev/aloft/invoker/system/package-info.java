/**
 * Cross-cutting wiring: the problem model.
 */
@NullMarked
package dev.aloft.invoker.system;

import org.jspecify.annotations.NullMarked;
