package dev.aloft.gateway.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.gateway.fakes.Jwts;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
import dev.aloft.testsupport.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JWT verification with a clock the test moves: signatures (HS256 with the sealed secret,
 * RS256 from a JWKS served on loopback), claims with the clock skew, and how often the
 * JWKS is fetched.
 */
class JwtAuthenticatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	private static final String ISSUER = "https://issuer.example.com";

	private static final SecretBox SECRET_BOX = new SecretBox(MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY")));

	private static final RouteAuth.Jwt HS256 = new RouteAuth.Jwt(ISSUER, List.of("api"),
			SECRET_BOX.seal("shared-secret", "route-jwt:r1"), null);

	private static final KeyPair FIRST = Jwts.rsaKeyPair();

	private static final KeyPair SECOND = Jwts.rsaKeyPair();

	private final AuthProperties properties = new AuthProperties(Duration.ofSeconds(60), Duration.ofHours(1),
			Duration.ofSeconds(30), Duration.ofSeconds(5));

	private final SettableClock clock = new SettableClock(NOW);

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile String jwks = Jwts.jwks(Jwts.jwk(FIRST, "first"));

	private final HttpServer server = jwksServer();

	private final JwtAuthenticator authenticator = new JwtAuthenticator(this.properties, this.clock, JSON, SECRET_BOX,
			new JwksKeys(this.properties, this.clock, JSON));

	private final RouteAuth.Jwt rs256 = new RouteAuth.Jwt(ISSUER, List.of("api"), null,
			"http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks");

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void hs256TokenSignedWithTheRoutesSecretIsAccepted() {
		Map<String, Object> authorizer = this.authenticator
			.authenticate("Bearer " + Jwts.hs256("shared-secret", claims()), "r1", HS256);

		assertThat(authorizer).containsOnlyKeys("jwt");
	}

	@Test
	void secretIsBoundToItsRoute() {
		assertInvalid(() -> this.authenticator.authenticate(Jwts.hs256("shared-secret", claims()), "r2", HS256));
	}

	@Test
	void expiryAndNotBeforeAllowTheClockSkewAndNoMore() {
		Map<String, Object> claims = claims();
		claims.put("exp", NOW.minusSeconds(59).getEpochSecond());
		claims.put("nbf", NOW.plusSeconds(59).getEpochSecond());
		this.authenticator.authenticate(Jwts.hs256("shared-secret", claims), "r1", HS256);

		claims.put("exp", NOW.minusSeconds(60).getEpochSecond());
		assertInvalid(() -> this.authenticator.authenticate(Jwts.hs256("shared-secret", claims), "r1", HS256));
		claims.put("exp", NOW.plusSeconds(600).getEpochSecond());
		claims.put("nbf", NOW.plusSeconds(61).getEpochSecond());
		assertInvalid(() -> this.authenticator.authenticate(Jwts.hs256("shared-secret", claims), "r1", HS256));
		claims.remove("nbf");
		claims.remove("exp");
		assertInvalid(() -> this.authenticator.authenticate(Jwts.hs256("shared-secret", claims), "r1", HS256));
	}

	@Test
	void audienceMayBeAListOrAnAccessTokensClientId() {
		Map<String, Object> list = claims();
		list.put("aud", List.of("other", "api"));
		Map<String, Object> clientId = claims();
		clientId.remove("aud");
		clientId.put("client_id", "api");

		this.authenticator.authenticate(Jwts.hs256("shared-secret", list), "r1", HS256);
		this.authenticator.authenticate(Jwts.hs256("shared-secret", clientId), "r1", HS256);
	}

	@Test
	void unsignedAndMalformedTokensAreRefused() {
		String[] parts = Jwts.hs256("shared-secret", claims()).split("\\.");
		String none = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

		assertInvalid(() -> this.authenticator.authenticate(none + "." + parts[1] + ".", "r1", HS256));
		assertInvalid(() -> this.authenticator.authenticate(none + "." + parts[1] + "." + parts[2], "r1", HS256));
		assertInvalid(() -> this.authenticator.authenticate(parts[0] + "." + parts[1], "r1", HS256));
		assertInvalid(() -> this.authenticator.authenticate("a.b.c", "r1", HS256));
		assertInvalid(() -> this.authenticator.authenticate(null, "r1", HS256));
	}

	@Test
	void jwksIsFetchedOnceAndCached() {
		this.authenticator.authenticate(Jwts.rs256(FIRST, "first", claims()), "r1", this.rs256);
		this.authenticator.authenticate(Jwts.rs256(FIRST, "first", claims()), "r1", this.rs256);

		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void unknownKeyIdRefetchesAtMostOncePerInterval() {
		this.authenticator.authenticate(Jwts.rs256(FIRST, "first", claims()), "r1", this.rs256);
		this.jwks = Jwts.jwks(Jwts.jwk(FIRST, "first"), Jwts.jwk(SECOND, "second"));

		// Within the interval of the first fetch: no new fetch, so the new key is
		// unknown.
		this.clock.advance(Duration.ofSeconds(10));
		assertInvalid(() -> this.authenticator.authenticate(Jwts.rs256(SECOND, "second", claims()), "r1", this.rs256));
		assertInvalid(() -> this.authenticator.authenticate(Jwts.rs256(SECOND, "made-up", claims()), "r1", this.rs256));
		assertThat(this.fetches).hasValue(1);

		this.clock.advance(Duration.ofSeconds(20));
		this.authenticator.authenticate(Jwts.rs256(SECOND, "second", claims()), "r1", this.rs256);
		assertInvalid(() -> this.authenticator.authenticate(Jwts.rs256(SECOND, "made-up", claims()), "r1", this.rs256));
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void keysAreFetchedAgainAfterTheCacheTime() {
		this.authenticator.authenticate(Jwts.rs256(FIRST, "first", claims()), "r1", this.rs256);
		this.jwks = Jwts.jwks(Jwts.jwk(SECOND, "second"));
		this.clock.advance(Duration.ofHours(1));

		assertInvalid(() -> this.authenticator.authenticate(Jwts.rs256(FIRST, "first", claims()), "r1", this.rs256));
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void hs256TokenOnAnRs256RouteIsRefused() {
		// The attack: an HMAC keyed with the public key's bytes.
		assertInvalid(() -> this.authenticator.authenticate(Jwts.hs256("anything", claims()), "r1", this.rs256));
		assertThat(this.fetches).hasValue(0);
	}

	private Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ISSUER);
		claims.put("aud", "api");
		claims.put("exp", this.clock.instant().plusSeconds(300).getEpochSecond());
		return claims;
	}

	private static void assertInvalid(Runnable authentication) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(authentication::run);
	}

	private HttpServer jwksServer() {
		try {
			HttpServer jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			jwksServer.createContext("/jwks", (exchange) -> {
				this.fetches.incrementAndGet();
				byte[] bytes = this.jwks.getBytes(StandardCharsets.UTF_8);
				try (exchange) {
					exchange.sendResponseHeaders(200, bytes.length);
					exchange.getResponseBody().write(bytes);
				}
			});
			jwksServer.start();
			return jwksServer;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
