package dev.aloft.gateway.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How route authorizers verify JWTs.
 *
 * @param jwtClockSkew how far {@code exp} and {@code nbf} may be off the gateway's clock,
 * for clocks that drift
 * @param jwksCacheTime how long keys fetched from a JWKS URL are used before they are
 * fetched again
 * @param jwksRefetchInterval the least time between two fetches of one JWKS URL when a
 * token names a key id it does not hold: a rotated key is picked up, and a stream of
 * made-up key ids cannot turn into a stream of fetches
 * @param jwksTimeout how long fetching a JWKS may take
 */
@Validated
@ConfigurationProperties("aloft.gateway.auth")
record AuthProperties(@DefaultValue("60s") Duration jwtClockSkew, @DefaultValue("1h") Duration jwksCacheTime,
		@DefaultValue("30s") Duration jwksRefetchInterval, @DefaultValue("5s") Duration jwksTimeout) {

	AuthProperties {
		if (jwtClockSkew.isNegative() || jwksCacheTime.isNegative() || jwksRefetchInterval.isNegative()
				|| jwksTimeout.isNegative() || jwksTimeout.isZero()) {
			throw new IllegalArgumentException("durations must not be negative, and jwks-timeout must be positive");
		}
	}

}
