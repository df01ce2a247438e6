package dev.aloft.gateway.fakes;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Makes JWTs as identity providers do, for tests: HS256 with a shared secret, RS256 with
 * an RSA key pair, and the JWK of a public key.
 */
public final class Jwts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private Jwts() {
	}

	/**
	 * An HS256 token.
	 * @param secret the shared secret
	 * @param claims the claims
	 * @return the compact token
	 */
	public static String hs256(String secret, Map<String, Object> claims) {
		String input = input(Map.of("alg", "HS256", "typ", "JWT"), claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An RS256 token.
	 * @param keys the signing key pair
	 * @param keyId the {@code kid}
	 * @param claims the claims
	 * @return the compact token
	 */
	public static String rs256(KeyPair keys, String keyId, Map<String, Object> claims) {
		String input = input(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId), claims);
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(keys.getPrivate());
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new 2048-bit RSA key pair.
	 * @return the pair
	 */
	public static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A public key as a JWK.
	 * @param keys the key pair
	 * @param keyId the {@code kid}
	 * @return the JWK's fields
	 */
	public static Map<String, Object> jwk(KeyPair keys, String keyId) {
		RSAPublicKey key = (RSAPublicKey) keys.getPublic();
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("use", "sig");
		jwk.put("alg", "RS256");
		jwk.put("kid", keyId);
		jwk.put("n", BASE64URL.encodeToString(unsigned(key.getModulus())));
		jwk.put("e", BASE64URL.encodeToString(unsigned(key.getPublicExponent())));
		return jwk;
	}

	/**
	 * A JWKS document.
	 * @param jwks the keys
	 * @return its JSON
	 */
	@SafeVarargs
	public static String jwks(Map<String, Object>... jwks) {
		return JSON.writeValueAsString(Map.of("keys", jwks));
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			byte[] trimmed = new byte[bytes.length - 1];
			System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
			return trimmed;
		}
		return bytes;
	}

	private static String input(Map<String, Object> header, Map<String, Object> claims) {
		return BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
				+ BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
	}

}
