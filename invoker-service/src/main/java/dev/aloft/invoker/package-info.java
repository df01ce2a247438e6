/**
 * The invoker service: runs execution environments and serves them the Lambda Runtime
 * API.
 */
@NullMarked
package dev.aloft.invoker;

import org.jspecify.annotations.NullMarked;
