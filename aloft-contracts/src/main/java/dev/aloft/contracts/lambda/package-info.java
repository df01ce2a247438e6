/**
 * How the gateway hands Lambda API calls it has verified to the control plane.
 */
@NullMarked
package dev.aloft.contracts.lambda;

import org.jspecify.annotations.NullMarked;
