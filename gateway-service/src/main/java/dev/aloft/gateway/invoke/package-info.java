/**
 * Invoking functions on invokers: placement and the internal invoke API client.
 */
@NullMarked
package dev.aloft.gateway.invoke;

import org.jspecify.annotations.NullMarked;
