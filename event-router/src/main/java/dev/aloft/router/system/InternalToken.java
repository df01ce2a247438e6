package dev.aloft.router.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.aloft.secrets.MasterKey;
import org.jspecify.annotations.Nullable;

/**
 * The services' internal token, derived from the platform's master key: presented to the
 * control plane, and required from callers of the router's internal API.
 */
public final class InternalToken {

	private final byte[] token;

	private InternalToken(byte[] token) {
		this.token = token;
	}

	/**
	 * The token derived from a master key.
	 * @param masterKey the key
	 * @return the token
	 */
	public static InternalToken of(MasterKey masterKey) {
		return new InternalToken(masterKey.internalToken().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The token to present.
	 * @return the token
	 */
	public String value() {
		return new String(this.token, StandardCharsets.UTF_8);
	}

	/**
	 * Whether a caller presented the token.
	 * @param presented what the caller presented, or null
	 * @return true for the token
	 */
	public boolean matches(@Nullable String presented) {
		return presented != null && MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8));
	}

}
