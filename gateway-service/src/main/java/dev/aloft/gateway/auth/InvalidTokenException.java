package dev.aloft.gateway.auth;

/**
 * A bearer token that must not be accepted: malformed, badly signed, expired, or for
 * another issuer or audience. The message says why, for logs; callers only ever see
 * {@code Unauthorized}.
 */
class InvalidTokenException extends RuntimeException {

	InvalidTokenException(String message) {
		super(message);
	}

}
