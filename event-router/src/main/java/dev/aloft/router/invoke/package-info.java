/**
 * Invoking functions on invokers through their internal invoke API, and telling apart
 * what the function did from what stopped it running.
 */
@NullMarked
package dev.aloft.router.invoke;

import org.jspecify.annotations.NullMarked;
