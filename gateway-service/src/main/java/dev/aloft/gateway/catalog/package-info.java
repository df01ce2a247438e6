/**
 * Functions and routes as last seen on the control plane's configuration feed; the hot
 * path reads only this.
 */
@NullMarked
package dev.aloft.gateway.catalog;

import org.jspecify.annotations.NullMarked;
