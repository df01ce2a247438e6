/**
 * The function versions this invoker can run, as last seen on the control plane's
 * configuration feed.
 */
@NullMarked
package dev.aloft.invoker.catalog;

import org.jspecify.annotations.NullMarked;
