package dev.aloft.sigv4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing-key derivation and its cache.
 */
class SigningKeysTests {

	/** AWS's documented example of a derived signing key. */
	@Test
	void derivesAwsDocumentedKey() {
		byte[] key = SigningKeys.derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
				new CredentialScope("20120215", "us-east-1", "iam"), new HmacSha256());

		assertThat(Hex.encode(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
	}

	@Test
	void cachesPerSecretAndScope() {
		SigningKeys keys = new SigningKeys();
		HmacSha256 hmac = new HmacSha256();
		CredentialScope scope = new CredentialScope("20260101", "us-east-1", "lambda");

		byte[] first = keys.signingKey("secret", scope, hmac);

		assertThat(keys.signingKey("secret", scope, hmac)).isSameAs(first);
		assertThat(keys.signingKey("rotated", scope, hmac)).isNotEqualTo(first);
		assertThat(keys.signingKey("secret", new CredentialScope("20260102", "us-east-1", "lambda"), hmac))
			.isNotEqualTo(first);
		assertThat(keys.size()).isEqualTo(3);
	}

	@Test
	void cacheStaysBounded() {
		SigningKeys keys = new SigningKeys();
		HmacSha256 hmac = new HmacSha256();

		for (int i = 0; i < 10_000; i++) {
			keys.signingKey("secret-" + i, new CredentialScope("20260101", "us-east-1", "lambda"), hmac);
		}

		assertThat(keys.size()).isLessThanOrEqualTo(4096);
	}

}
