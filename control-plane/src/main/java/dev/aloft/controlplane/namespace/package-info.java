/**
 * Namespaces: the unit of tenancy. A default namespace always exists.
 */
@NullMarked
package dev.aloft.controlplane.namespace;

import org.jspecify.annotations.NullMarked;
