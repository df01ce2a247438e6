/**
 * The process backend: one child process per environment.
 */
@NullMarked
package dev.aloft.invoker.sandbox.process;

import org.jspecify.annotations.NullMarked;
