/**
 * The standalone launcher: all four services in one JVM.
 */
@NullMarked
package dev.aloft.standalone;

import org.jspecify.annotations.NullMarked;
