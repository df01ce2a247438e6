/**
 * Web wiring: RFC 9457 problem responses.
 */
@NullMarked
package dev.aloft.invoker.system.web;

import org.jspecify.annotations.NullMarked;
