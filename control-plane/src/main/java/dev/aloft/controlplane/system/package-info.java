/**
 * Cross-cutting wiring: the problem model every feature reports errors with, and web
 * configuration.
 */
@NullMarked
package dev.aloft.controlplane.system;

import org.jspecify.annotations.NullMarked;
