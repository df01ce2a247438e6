package dev.aloft.contracts.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a route authenticates its callers, as the gateway needs it. Secrets never travel in
 * the clear: API keys as SHA-256 digests, an HS256 secret sealed with the master key.
 *
 * @param type {@code NONE}, {@code API_KEY}, {@code JWT} or {@code AWS_IAM}
 * @param apiKeySha256 for {@code API_KEY}: the lowercase hex SHA-256 of each accepted
 * {@code x-api-key} value
 * @param jwt for {@code JWT}: how tokens are verified; null otherwise
 */
public record RouteAuth(String type, List<String> apiKeySha256, @Nullable Jwt jwt) {

	/** Anyone may call. */
	public static final RouteAuth NONE = new RouteAuth("NONE", List.of(), null);

	public RouteAuth {
		apiKeySha256 = (apiKeySha256 != null) ? List.copyOf(apiKeySha256) : List.of();
	}

	/**
	 * How a JWT authorizer verifies bearer tokens: signature, {@code iss}, {@code aud}
	 * and {@code exp} (and {@code nbf} when present). Exactly one of the key sources is
	 * set.
	 *
	 * @param issuer the required {@code iss}
	 * @param audiences accepted {@code aud} values; the token must carry one of them
	 * @param hs256SecretSealed the HS256 secret, sealed for {@code route-jwt:<route id>}
	 * @param jwksUrl where RS256 public keys are published (cached by the gateway)
	 */
	public record Jwt(String issuer, List<String> audiences, @Nullable String hs256SecretSealed,
			@Nullable String jwksUrl) {

		public Jwt {
			audiences = List.copyOf(audiences);
		}

		@Override
		public String toString() {
			return "Jwt[issuer=" + this.issuer + ", audiences=" + this.audiences + ", jwksUrl=" + this.jwksUrl + "]";
		}

	}

}
