/**
 * HTTP routes: matching requests to functions, and the API Gateway payload format 2.0
 * both ways.
 */
@NullMarked
package dev.aloft.gateway.route;

import org.jspecify.annotations.NullMarked;
