package dev.aloft.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.secrets.SecretBox;
import dev.aloft.secrets.SecretBoxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API Gateway's JWT authorizer: takes the token from {@code Authorization} (with or
 * without {@code Bearer}), verifies its signature — HS256 with the route's sealed secret,
 * or RS256 with a key from the route's JWKS URL; the algorithm is the route's, never the
 * token's choice — then its claims, and returns what the event's
 * {@code requestContext.authorizer} carries: {@code {"jwt": {"claims", "scopes"}}}.
 */
final class JwtAuthenticator {

	private static final String BEARER = "bearer ";

	private final AuthProperties properties;

	private final Clock clock;

	private final JsonMapper jsonMapper;

	private final SecretBox secretBox;

	private final JwksKeys jwks;

	JwtAuthenticator(AuthProperties properties, Clock clock, JsonMapper jsonMapper, SecretBox secretBox,
			JwksKeys jwks) {
		this.properties = properties;
		this.clock = clock;
		this.jsonMapper = jsonMapper;
		this.secretBox = secretBox;
		this.jwks = jwks;
	}

	/**
	 * Verifies a request's bearer token.
	 * @param authorization the {@code Authorization} header, or null
	 * @param routeId the route, whose id the HS256 secret is sealed for
	 * @param jwt the route's settings
	 * @return the authorizer context
	 * @throws InvalidTokenException when the token is missing or must not be accepted
	 */
	Map<String, Object> authenticate(@Nullable String authorization, String routeId, RouteAuth.Jwt jwt) {
		if (authorization == null || authorization.isBlank()) {
			throw new InvalidTokenException("no token");
		}
		String compact = authorization.strip();
		if (compact.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			compact = compact.substring(BEARER.length()).strip();
		}
		JsonWebToken token = JsonWebToken.parse(compact, this.jsonMapper);
		verifySignature(token, routeId, jwt);
		JwtClaimsCheck.check(token.claims(), jwt, this.clock.instant(), this.properties.jwtClockSkew());
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("claims", claims(token.claims()));
		context.put("scopes", scopes(token.claims()));
		Map<String, Object> authorizer = new LinkedHashMap<>();
		authorizer.put("jwt", context);
		return authorizer;
	}

	private void verifySignature(JsonWebToken token, String routeId, RouteAuth.Jwt jwt) {
		if (jwt.hs256SecretSealed() != null) {
			if (!"HS256".equals(token.algorithm())) {
				throw new InvalidTokenException("the route takes HS256 tokens, not " + token.algorithm());
			}
			if (!MessageDigest.isEqual(hmacSha256(secret(jwt.hs256SecretSealed(), routeId), token.signingInput()),
					token.signature())) {
				throw new InvalidTokenException("bad signature");
			}
			return;
		}
		if (jwt.jwksUrl() != null) {
			if (!"RS256".equals(token.algorithm())) {
				throw new InvalidTokenException("the route takes RS256 tokens, not " + token.algorithm());
			}
			for (PublicKey key : this.jwks.keys(jwt.jwksUrl(), token.keyId())) {
				if (rs256Verifies(key, token)) {
					return;
				}
			}
			throw new InvalidTokenException("no key of the JWKS verifies the signature");
		}
		throw new InvalidTokenException("the route has neither an HS256 secret nor a JWKS URL");
	}

	private byte[] secret(String sealed, String routeId) {
		try {
			return this.secretBox.open(sealed, "route-jwt:" + routeId).getBytes(StandardCharsets.UTF_8);
		}
		catch (SecretBoxException ex) {
			throw new InvalidTokenException("the route's HS256 secret cannot be opened: " + ex.getMessage());
		}
	}

	static byte[] hmacSha256(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// An empty key is the only way here: nothing verifies with it.
			throw new InvalidTokenException("HS256 is unusable with this secret");
		}
	}

	private static boolean rs256Verifies(PublicKey key, JsonWebToken token) {
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(key);
			signature.update(token.signingInput());
			return signature.verify(token.signature());
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * The claims as API Gateway passes them: every value a string, arrays as
	 * {@code [a b c]}, objects as their JSON.
	 */
	private static Map<String, String> claims(JsonNode claims) {
		Map<String, String> strings = new LinkedHashMap<>();
		claims.properties().forEach((claim) -> strings.put(claim.getKey(), text(claim.getValue())));
		return strings;
	}

	private static String text(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(text(item)));
			return "[" + String.join(" ", items) + "]";
		}
		return value.toString();
	}

	/**
	 * The token's scopes, from {@code scope} (space-separated, as OAuth 2.0 access tokens
	 * carry them) or {@code scp}; null when it has none.
	 */
	private static @Nullable List<String> scopes(JsonNode claims) {
		JsonNode scope = claims.get("scope");
		if (scope == null) {
			scope = claims.get("scp");
		}
		if (scope == null) {
			return null;
		}
		if (scope.isArray()) {
			List<String> scopes = new ArrayList<>();
			scope.forEach((item) -> scopes.add(text(item)));
			return scopes;
		}
		return Arrays.stream(text(scope).split(" ")).filter((item) -> !item.isEmpty()).toList();
	}

}
