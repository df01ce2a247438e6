/**
 * Cross-cutting wiring: the problem model.
 */
@NullMarked
package dev.aloft.gateway.system;

import org.jspecify.annotations.NullMarked;
