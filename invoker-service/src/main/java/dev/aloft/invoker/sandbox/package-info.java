/**
 * Sandbox wiring: picks the configured backend.
 */
@NullMarked
package dev.aloft.invoker.sandbox;

import org.jspecify.annotations.NullMarked;
