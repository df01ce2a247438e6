package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, one {@link Mac} per instance so that a verification that needs several
 * HMACs looks the algorithm up once. Not thread-safe: make one per use.
 */
final class HmacSha256 {

	private static final String ALGORITHM = "HmacSHA256";

	private final Mac mac;

	HmacSha256() {
		try {
			this.mac = Mac.getInstance(ALGORITHM);
		}
		catch (GeneralSecurityException ex) {
			// Every Java platform must provide HmacSHA256.
			throw new IllegalStateException(ex);
		}
	}

	byte[] sign(byte[] key, String data) {
		return sign(key, data.getBytes(StandardCharsets.UTF_8));
	}

	byte[] sign(byte[] key, byte[] data) {
		try {
			this.mac.init(new SecretKeySpec(key, ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			// Only an empty key is refused, and no SigV4 key is empty.
			throw new IllegalStateException(ex);
		}
		return this.mac.doFinal(data);
	}

}
