package dev.aloft.secrets;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's master key: 256 random bits, written as base64. Its {@link #id()} names
 * it in every ciphertext, so keys can be rotated later.
 */
public final class MasterKey {

	private static final int LENGTH_BYTES = 32;

	private final SecretKey key;

	private final String id;

	private MasterKey(byte[] bytes) {
		this.key = new SecretKeySpec(bytes, "AES");
		this.id = HexFormat.of().formatHex(sha256(bytes)).substring(0, 8);
	}

	/**
	 * Reads a key.
	 * @param base64 the key, base64 of 32 bytes
	 * @return the key
	 * @throws IllegalArgumentException when it is not 32 bytes of base64
	 */
	public static MasterKey fromBase64(String base64) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The master key is not base64");
		}
		if (bytes.length != LENGTH_BYTES) {
			throw new IllegalArgumentException("The master key must be " + LENGTH_BYTES
					+ " bytes (base64 of 32 random bytes), not " + bytes.length);
		}
		return new MasterKey(bytes);
	}

	/**
	 * Makes a new random key.
	 * @return the key
	 */
	public static MasterKey generate() {
		byte[] bytes = new byte[LENGTH_BYTES];
		new SecureRandom().nextBytes(bytes);
		return new MasterKey(bytes);
	}

	/**
	 * The key, for storing it where only the platform reads it.
	 * @return base64 of the key
	 */
	public String toBase64() {
		return Base64.getEncoder().encodeToString(this.key.getEncoded());
	}

	/**
	 * A short fingerprint that names the key without revealing it.
	 * @return 8 hex characters
	 */
	public String id() {
		return this.id;
	}

	SecretKey secretKey() {
		return this.key;
	}

	/**
	 * The token the services present to each other's internal endpoints, derived from
	 * this key so that every service that holds the key can both present and check it.
	 * @return the token (base64url, 43 characters)
	 */
	public String internalToken() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			byte[] token = mac.doFinal("aloft internal token v1".getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

	@Override
	public String toString() {
		return "MasterKey[" + this.id + "]";
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
