package dev.aloft.controlplane.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.controlplane.route.RouteRequest.AuthType;
import dev.aloft.secrets.SecretBox;
import org.jspecify.annotations.Nullable;

/**
 * Turns a route's requested auth into what is stored and published: API keys become
 * lowercase hex SHA-256 digests, an HS256 secret is sealed for {@code route-jwt:<route
 * id>}. Checks the rules the request's annotations cannot express: only the fields of the
 * chosen type, exactly one JWT key source, distinct keys, an http(s) JWKS URL.
 */
final class RouteAuthSettings {

	private RouteAuthSettings() {
	}

	/**
	 * Validates a route's auth and prepares it for storage.
	 * @param auth the requested auth, or null for {@code NONE}
	 * @param routeId the route's identifier, which the sealed secret is bound to
	 * @param secretBox seals the HS256 secret
	 * @return the auth to store and publish, without any secret in the clear
	 * @throws InvalidRouteException when a rule is broken
	 */
	static RouteAuth of(RouteRequest.@Nullable Auth auth, UUID routeId, SecretBox secretBox) {
		if (auth == null) {
			return RouteAuth.NONE;
		}
		return switch (auth.type()) {
			case NONE, AWS_IAM -> {
				onlyFields(auth);
				yield new RouteAuth(auth.type().name(), List.of(), null);
			}
			case API_KEY -> new RouteAuth(AuthType.API_KEY.name(), apiKeyDigests(auth), null);
			case JWT -> new RouteAuth(AuthType.JWT.name(), List.of(), jwt(auth, routeId, secretBox));
		};
	}

	/**
	 * The sealing context of a route's HS256 secret.
	 * @param routeId the route
	 * @return {@code route-jwt:<route id>}
	 */
	static String secretContext(UUID routeId) {
		return "route-jwt:" + routeId;
	}

	private static List<String> apiKeyDigests(RouteRequest.Auth auth) {
		onlyFields(auth, "apiKeys");
		List<String> keys = auth.apiKeys();
		if (keys == null) {
			throw new InvalidRouteException("/auth/apiKeys", "An API_KEY route needs at least one key in apiKeys");
		}
		Set<String> digests = new HashSet<>();
		for (int i = 0; i < keys.size(); i++) {
			if (!digests.add(sha256(keys.get(i)))) {
				// Never repeat the key: the detail is logged and returned.
				throw new InvalidRouteException("/auth/apiKeys/" + i, "API key " + i + " repeats an earlier key");
			}
		}
		return keys.stream().map(RouteAuthSettings::sha256).toList();
	}

	private static RouteAuth.Jwt jwt(RouteRequest.Auth auth, UUID routeId, SecretBox secretBox) {
		onlyFields(auth, "issuer", "audiences", "hs256Secret", "jwksUrl");
		String issuer = auth.issuer();
		if (issuer == null) {
			throw new InvalidRouteException("/auth/issuer", "A JWT route needs the issuer its tokens must carry");
		}
		List<String> audiences = auth.audiences();
		if (audiences == null) {
			throw new InvalidRouteException("/auth/audiences",
					"A JWT route needs at least one audience its tokens may carry");
		}
		if (new HashSet<>(audiences).size() != audiences.size()) {
			throw new InvalidRouteException("/auth/audiences", "The audiences must be distinct");
		}
		String secret = auth.hs256Secret();
		String jwksUrl = auth.jwksUrl();
		if ((secret == null) == (jwksUrl == null)) {
			throw new InvalidRouteException("/auth",
					"A JWT route needs exactly one of hs256Secret (HS256 tokens) and jwksUrl (RS256 tokens)");
		}
		if (jwksUrl != null) {
			checkJwksUrl(jwksUrl);
			return new RouteAuth.Jwt(issuer, audiences, null, jwksUrl);
		}
		return new RouteAuth.Jwt(issuer, audiences, secretBox.seal(secret, secretContext(routeId)), null);
	}

	private static void checkJwksUrl(String jwksUrl) {
		URI uri;
		try {
			uri = new URI(jwksUrl);
		}
		catch (URISyntaxException ex) {
			throw invalidJwksUrl();
		}
		if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw invalidJwksUrl();
		}
	}

	private static InvalidRouteException invalidJwksUrl() {
		return new InvalidRouteException("/auth/jwksUrl",
				"jwksUrl must be an absolute http(s) URL with a host, without credentials or fragment");
	}

	/**
	 * Rejects the fields that do not belong to the chosen type, so a request that meant
	 * something else (keys on a JWT route, say) is not silently half applied.
	 */
	private static void onlyFields(RouteRequest.Auth auth, String... allowed) {
		Set<String> permitted = Set.of(allowed);
		reject(auth, "apiKeys", auth.apiKeys(), permitted);
		reject(auth, "issuer", auth.issuer(), permitted);
		reject(auth, "audiences", auth.audiences(), permitted);
		reject(auth, "hs256Secret", auth.hs256Secret(), permitted);
		reject(auth, "jwksUrl", auth.jwksUrl(), permitted);
	}

	private static void reject(RouteRequest.Auth auth, String field, @Nullable Object value, Set<String> permitted) {
		if (value != null && !permitted.contains(field)) {
			String owner = field.equals("apiKeys") ? "API_KEY" : "JWT";
			throw new InvalidRouteException("/auth/" + field,
					field + " does not apply to auth type " + auth.type() + ", only to " + owner);
		}
	}

	/**
	 * The lowercase hex SHA-256 of a key's UTF-8 bytes, as the gateway computes it from
	 * {@code x-api-key}.
	 */
	static String sha256(String key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	}

}
