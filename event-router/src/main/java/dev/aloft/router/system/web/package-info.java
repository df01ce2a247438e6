/**
 * Web wiring: RFC 9457 problem responses, and the internal token on the internal API.
 */
@NullMarked
package dev.aloft.router.system.web;

import org.jspecify.annotations.NullMarked;
