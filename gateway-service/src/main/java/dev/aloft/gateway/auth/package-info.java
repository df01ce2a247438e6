/**
 * Who may call an HTTP route or a function URL, as API Gateway HTTP APIs and Lambda
 * decide it: API keys, JWT bearer tokens (HS256, or RS256 with keys from a JWKS URL) and
 * AWS Signature V4 with invoke rights in the function's namespace.
 */
@NullMarked
package dev.aloft.gateway.auth;

import org.jspecify.annotations.NullMarked;
