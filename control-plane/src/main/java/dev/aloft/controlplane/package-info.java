/**
 * The control plane service.
 */
@NullMarked
package dev.aloft.controlplane;

import org.jspecify.annotations.NullMarked;
