/**
 * The internal invoke API the gateway and event router call.
 */
@NullMarked
package dev.aloft.invoker.invocation;

import org.jspecify.annotations.NullMarked;
