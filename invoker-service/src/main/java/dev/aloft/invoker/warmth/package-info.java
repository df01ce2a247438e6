/**
 * Warmth reports: every answer of the internal invoke API tells the caller how many idle
 * warm environments of the invoked version this invoker holds, so that the gateway can
 * place the next call where it starts warm without an extra round trip.
 */
@NullMarked
package dev.aloft.invoker.warmth;

import org.jspecify.annotations.NullMarked;
