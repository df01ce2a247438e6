/**
 * The gateway service: the public data plane.
 */
@NullMarked
package dev.aloft.gateway;

import org.jspecify.annotations.NullMarked;
