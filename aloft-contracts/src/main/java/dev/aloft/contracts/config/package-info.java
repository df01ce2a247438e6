/**
 * The configuration change feed: the control plane's view of functions and routes as the
 * gateway, router and invokers follow it (snapshot, then changes by revision).
 */
@NullMarked
package dev.aloft.contracts.config;

import org.jspecify.annotations.NullMarked;
