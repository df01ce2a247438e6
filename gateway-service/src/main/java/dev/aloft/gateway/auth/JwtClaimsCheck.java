package dev.aloft.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.aloft.contracts.config.RouteAuth;
import tools.jackson.databind.JsonNode;

/**
 * The claim checks of API Gateway's JWT authorizer: {@code iss} equals the issuer;
 * {@code aud} (or, for access tokens that carry none, {@code client_id}) holds one of the
 * audiences; {@code exp} is in the future and {@code nbf}, when present, in the past,
 * both give or take a small clock skew.
 */
final class JwtClaimsCheck {

	private JwtClaimsCheck() {
	}

	/**
	 * Checks a token's claims.
	 * @param claims the verified payload
	 * @param jwt the route's settings
	 * @param now the time to check against
	 * @param skew the clock skew allowed
	 * @throws InvalidTokenException when a check fails
	 */
	static void check(JsonNode claims, RouteAuth.Jwt jwt, Instant now, Duration skew) {
		JsonNode issuer = claims.get("iss");
		if (issuer == null || !issuer.isString() || !issuer.asString().equals(jwt.issuer())) {
			throw new InvalidTokenException("wrong issuer");
		}
		if (!hasAudience(claims, jwt.audiences())) {
			throw new InvalidTokenException("wrong audience");
		}
		JsonNode expires = claims.get("exp");
		if (expires == null || !expires.isNumber()) {
			throw new InvalidTokenException("no exp");
		}
		if (!now.minus(skew).isBefore(Instant.ofEpochSecond(expires.asLong()))) {
			throw new InvalidTokenException("the token has expired");
		}
		JsonNode notBefore = claims.get("nbf");
		if (notBefore != null
				&& (!notBefore.isNumber() || now.plus(skew).isBefore(Instant.ofEpochSecond(notBefore.asLong())))) {
			throw new InvalidTokenException("the token is not valid yet");
		}
	}

	private static boolean hasAudience(JsonNode claims, List<String> audiences) {
		JsonNode audience = claims.get("aud");
		if (audience == null) {
			audience = claims.get("client_id");
		}
		if (audience == null) {
			return false;
		}
		if (audience.isString()) {
			return audiences.contains(audience.asString());
		}
		if (audience.isArray()) {
			for (JsonNode value : audience) {
				if (value.isString() && audiences.contains(value.asString())) {
					return true;
				}
			}
		}
		return false;
	}

}
