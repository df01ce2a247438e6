package dev.aloft.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens secrets with the master key, AES-256-GCM. A sealed secret is
 * {@code v1:<key id>:<base64 of nonce and ciphertext>}, and it is bound to a context
 * (what the secret is, e.g. {@code env:default/fn/DB_PASSWORD}) so that one sealed value
 * cannot be passed off as another.
 */
public final class SecretBox {

	private static final String PREFIX = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final MasterKey key;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Creates a box for a key.
	 * @param key the master key
	 */
	public SecretBox(MasterKey key) {
		this.key = key;
	}

	/**
	 * Seals a secret.
	 * @param plaintext the secret
	 * @param context what the secret is for; the same context opens it
	 * @return the sealed secret
	 */
	public String seal(String plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] payload = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
			return PREFIX + ":" + this.key.id() + ":" + Base64.getEncoder().encodeToString(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	/**
	 * Opens a sealed secret.
	 * @param sealed the sealed secret
	 * @param context the context it was sealed for
	 * @return the secret
	 * @throws SecretBoxException when it was sealed with another key or context, or was
	 * altered
	 */
	public String open(String sealed, String context) {
		String[] parts = sealed.split(":", 3);
		if (parts.length != 3 || !parts[0].equals(PREFIX)) {
			throw new SecretBoxException("Not a sealed secret");
		}
		if (!parts[1].equals(this.key.id())) {
			throw new SecretBoxException("Sealed with master key " + parts[1] + ", not " + this.key.id());
		}
		try {
			byte[] payload = Base64.getDecoder().decode(parts[2]);
			if (payload.length <= NONCE_BYTES) {
				throw new SecretBoxException("The sealed secret is truncated");
			}
			byte[] nonce = new byte[NONCE_BYTES];
			System.arraycopy(payload, 0, nonce, 0, NONCE_BYTES);
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
			byte[] plaintext = cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
			return new String(plaintext, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new SecretBoxException("The sealed secret does not open with this key and context");
		}
	}

	private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
