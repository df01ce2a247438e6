/**
 * HTTP routes: method and path templates that the gateway maps to function invocations.
 */
@NullMarked
package dev.aloft.controlplane.route;

import org.jspecify.annotations.NullMarked;
