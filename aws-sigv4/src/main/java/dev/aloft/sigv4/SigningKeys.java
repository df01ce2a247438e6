package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives SigV4 signing keys, {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
 * service), "aws4_request")}, and remembers them: a key is good for a whole day, and
 * deriving it costs four HMACs on the hot path.
 * <p>
 * The cache is bounded by clearing it when full rather than by LRU bookkeeping: keys
 * expire with the date anyway, so a full cache is mostly yesterday's keys.
 */
final class SigningKeys {

	private static final int MAX_ENTRIES = 4096;

	private final ConcurrentHashMap<CacheKey, byte[]> cache = new ConcurrentHashMap<>();

	byte[] signingKey(String secretAccessKey, CredentialScope scope, HmacSha256 hmac) {
		CacheKey cacheKey = new CacheKey(secretAccessKey, scope);
		byte[] key = this.cache.get(cacheKey);
		if (key == null) {
			key = derive(secretAccessKey, scope, hmac);
			if (this.cache.size() >= MAX_ENTRIES) {
				this.cache.clear();
			}
			this.cache.put(cacheKey, key);
		}
		return key;
	}

	int size() {
		return this.cache.size();
	}

	static byte[] derive(String secretAccessKey, CredentialScope scope, HmacSha256 hmac) {
		byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
		key = hmac.sign(key, scope.date());
		key = hmac.sign(key, scope.region());
		key = hmac.sign(key, scope.service());
		return hmac.sign(key, CredentialScope.TERMINATOR);
	}

	/** The secret is part of the key so that a rotated secret never meets an old key. */
	private record CacheKey(String secretAccessKey, CredentialScope scope) {

		@Override
		public String toString() {
			return "CacheKey[" + this.scope.value() + "]";
		}

	}

}
