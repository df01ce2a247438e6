package dev.aloft.gateway.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RSA signing keys published at JWKS URLs, fetched on first use and cached. A JWKS is
 * fetched again when it is older than the cache time, or when a token names a key id it
 * does not hold (the issuer rotated its keys) — but never more than once per refetch
 * interval, so that neither an unreachable JWKS nor tokens with made-up key ids turn
 * every request into a fetch. When a fetch fails the keys already held stay in use.
 */
final class JwksKeys {

	private static final Logger logger = LoggerFactory.getLogger(JwksKeys.class);

	private final AuthProperties properties;

	private final Clock clock;

	private final JsonMapper jsonMapper;

	private final HttpClient httpClient;

	private final ConcurrentMap<String, Jwks> byUrl = new ConcurrentHashMap<>();

	JwksKeys(AuthProperties properties, Clock clock, JsonMapper jsonMapper) {
		this.properties = properties;
		this.clock = clock;
		this.jsonMapper = jsonMapper;
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(properties.jwksTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * The keys a token may have been signed with.
	 * @param url the JWKS URL
	 * @param keyId the token's {@code kid}, or null for every key of the set
	 * @return the keys; empty when none fits
	 */
	List<PublicKey> keys(String url, @Nullable String keyId) {
		return this.byUrl.computeIfAbsent(url, Jwks::new).keys(keyId);
	}

	private List<Jwk> fetch(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.properties.jwksTimeout())
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("the JWKS URL answered " + response.statusCode());
		}
		try {
			JsonNode keys = this.jsonMapper.readTree(response.body()).get("keys");
			if (keys == null || !keys.isArray()) {
				throw new IOException("the JWKS has no keys array");
			}
			List<Jwk> parsed = new ArrayList<>();
			for (JsonNode key : keys) {
				Jwk jwk = rsaSigningKey(key);
				if (jwk != null) {
					parsed.add(jwk);
				}
			}
			return parsed;
		}
		catch (JacksonException ex) {
			throw new IOException("the JWKS is not JSON", ex);
		}
	}

	/**
	 * An RSA key for signatures from its JWK ({@code n} and {@code e}, base64url of
	 * unsigned big-endian integers), or null for any other kind of key.
	 */
	static @Nullable Jwk rsaSigningKey(JsonNode key) {
		if (!"RSA".equals(text(key, "kty")) || (text(key, "use") != null && !"sig".equals(text(key, "use")))
				|| (text(key, "alg") != null && !"RS256".equals(text(key, "alg")))) {
			return null;
		}
		String modulus = text(key, "n");
		String exponent = text(key, "e");
		if (modulus == null || exponent == null) {
			return null;
		}
		try {
			Base64.Decoder decoder = Base64.getUrlDecoder();
			PublicKey publicKey = KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(new BigInteger(1, decoder.decode(modulus)),
						new BigInteger(1, decoder.decode(exponent))));
			return new Jwk(text(key, "kid"), publicKey);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * One key of a set.
	 *
	 * @param keyId its {@code kid}, or null
	 * @param key the key
	 */
	record Jwk(@Nullable String keyId, PublicKey key) {
	}

	/**
	 * One URL's keys and when they were fetched. A lock rather than {@code synchronized}
	 * so that virtual threads waiting for a fetch do not pin their carriers.
	 */
	private final class Jwks {

		private final String url;

		private final ReentrantLock lock = new ReentrantLock();

		private @Nullable List<Jwk> keys;

		private Instant fetchedAt = Instant.MIN;

		private @Nullable Instant lastAttempt;

		Jwks(String url) {
			this.url = url;
		}

		List<PublicKey> keys(@Nullable String keyId) {
			this.lock.lock();
			try {
				Instant now = JwksKeys.this.clock.instant();
				boolean stale = this.keys == null
						|| !now.isBefore(this.fetchedAt.plus(JwksKeys.this.properties.jwksCacheTime()));
				if ((stale || matching(keyId).isEmpty()) && mayFetch(now)) {
					this.lastAttempt = now;
					try {
						this.keys = List.copyOf(fetch(this.url));
						this.fetchedAt = now;
					}
					catch (IOException | IllegalArgumentException ex) {
						logger.warn("Could not fetch the JWKS at {}: {}", this.url, ex.getMessage());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return matching(keyId);
			}
			finally {
				this.lock.unlock();
			}
		}

		private boolean mayFetch(Instant now) {
			return this.lastAttempt == null
					|| !now.isBefore(this.lastAttempt.plus(JwksKeys.this.properties.jwksRefetchInterval()));
		}

		private List<PublicKey> matching(@Nullable String keyId) {
			if (this.keys == null) {
				return List.of();
			}
			return this.keys.stream()
				.filter((jwk) -> keyId == null || Objects.equals(keyId, jwk.keyId()))
				.map(Jwk::key)
				.toList();
		}

	}

}
