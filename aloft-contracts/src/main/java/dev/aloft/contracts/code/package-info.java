/**
 * The control plane's internal code download API.
 */
@NullMarked
package dev.aloft.contracts.code;

import org.jspecify.annotations.NullMarked;
