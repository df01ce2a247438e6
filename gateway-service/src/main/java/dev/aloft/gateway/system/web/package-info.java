/**
 * Web wiring: RFC 9457 problem responses.
 */
@NullMarked
package dev.aloft.gateway.system.web;

import org.jspecify.annotations.NullMarked;
