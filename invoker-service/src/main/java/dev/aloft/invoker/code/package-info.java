/**
 * Function code on local disk: downloaded by hash from the control plane, verified,
 * unpacked once.
 */
@NullMarked
package dev.aloft.invoker.code;

import org.jspecify.annotations.NullMarked;
