/**
 * The docker backend: one container per environment, created through the Docker Engine
 * API on its unix socket.
 */
@NullMarked
package dev.aloft.invoker.sandbox.docker;

import org.jspecify.annotations.NullMarked;
