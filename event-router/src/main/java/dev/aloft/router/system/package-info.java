/**
 * Cross-cutting wiring: the problem model and the master key.
 */
@NullMarked
package dev.aloft.router.system;

import org.jspecify.annotations.NullMarked;
