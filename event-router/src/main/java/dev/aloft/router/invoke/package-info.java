/**
 * Invoking functions through the internal invoke API (relayed by the gateways, or served
 * by invokers), and telling apart what the function did from what stopped it running.
 */
@NullMarked
package dev.aloft.router.invoke;

import org.jspecify.annotations.NullMarked;
