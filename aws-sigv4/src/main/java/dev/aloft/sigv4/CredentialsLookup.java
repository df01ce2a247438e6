package dev.aloft.sigv4;

import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials of an access key id, or says the key is unknown. The servers back
 * it with their key store; it is called at most once per verification, after the cheap
 * checks have passed.
 */
@FunctionalInterface
public interface CredentialsLookup {

	/**
	 * Finds the credentials of an access key.
	 * @param accessKeyId the access key id from the request
	 * @return the credentials, or empty when the key is unknown (or disabled), which the
	 * verifier answers with {@link RejectionCode#UNRECOGNIZED_CLIENT}
	 */
	Optional<SigningCredentials> find(String accessKeyId);

	/**
	 * A fixed set of keys.
	 * @param credentials credentials by access key id
	 * @return the lookup
	 */
	static CredentialsLookup of(Map<String, SigningCredentials> credentials) {
		Map<String, SigningCredentials> copy = Map.copyOf(credentials);
		return (accessKeyId) -> Optional.ofNullable(copy.get(accessKeyId));
	}

}
