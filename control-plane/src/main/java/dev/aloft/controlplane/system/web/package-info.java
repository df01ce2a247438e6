/**
 * Web wiring: RFC 9457 problem responses and API versioning.
 */
@NullMarked
package dev.aloft.controlplane.system.web;

import org.jspecify.annotations.NullMarked;
