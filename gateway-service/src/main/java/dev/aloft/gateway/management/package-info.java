/**
 * The Lambda management API through the gateway: calls are verified here and forwarded to
 * the control plane, so an AWS SDK pointed at the gateway does everything through one
 * endpoint.
 */
@NullMarked
package dev.aloft.gateway.management;

import org.jspecify.annotations.NullMarked;
