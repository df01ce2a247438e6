package dev.aloft.sigv4;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the verifier needs to know about an access key: its secret and, for temporary
 * credentials, the session token every request with the key must carry.
 *
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token requests must present in
 * {@code X-Amz-Security-Token}, or {@code null} for a long-term key, which must be used
 * without one
 */
public record SigningCredentials(String secretAccessKey, @Nullable String sessionToken) {

	/**
	 * Creates the credentials.
	 * @param secretAccessKey the secret access key
	 * @param sessionToken the session token, or {@code null}
	 */
	public SigningCredentials {
		Objects.requireNonNull(secretAccessKey, "secretAccessKey");
	}

	/**
	 * A long-term key: requests must not carry a session token.
	 * @param secretAccessKey the secret access key
	 * @return the credentials
	 */
	public static SigningCredentials of(String secretAccessKey) {
		return new SigningCredentials(secretAccessKey, null);
	}

	/**
	 * Temporary credentials: requests must carry this session token.
	 * @param secretAccessKey the secret access key
	 * @param sessionToken the session token
	 * @return the credentials
	 */
	public static SigningCredentials withSessionToken(String secretAccessKey, String sessionToken) {
		return new SigningCredentials(secretAccessKey, Objects.requireNonNull(sessionToken, "sessionToken"));
	}

	@Override
	public String toString() {
		// Never print secrets, whatever logs this.
		return "SigningCredentials[secretAccessKey=****, sessionToken="
				+ ((this.sessionToken != null) ? "****" : "none") + "]";
	}

}
