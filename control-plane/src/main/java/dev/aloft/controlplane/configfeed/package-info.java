/**
 * The configuration feed the gateway, router and invokers follow: every live resource as
 * of a revision, and what changed after one.
 */
@NullMarked
package dev.aloft.controlplane.configfeed;

import org.jspecify.annotations.NullMarked;
