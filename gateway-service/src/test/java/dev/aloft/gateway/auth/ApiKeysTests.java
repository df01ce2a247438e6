package dev.aloft.gateway.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys are checked against their SHA-256 digests, as the control plane stores them.
 */
class ApiKeysTests {

	@Test
	void digestIsLowercaseHexSha256() {
		assertThat(ApiKeys.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void acceptsOnlyAKeyWhoseDigestIsHeld() {
		List<String> digests = List.of(ApiKeys.sha256Hex("first"), ApiKeys.sha256Hex("second"));

		assertThat(ApiKeys.accepts("second", digests)).isTrue();
		assertThat(ApiKeys.accepts("third", digests)).isFalse();
		assertThat(ApiKeys.accepts("", digests)).isFalse();
		assertThat(ApiKeys.accepts(null, digests)).isFalse();
		assertThat(ApiKeys.accepts("first", List.of())).isFalse();
		// The digest itself is not a key.
		assertThat(ApiKeys.accepts(ApiKeys.sha256Hex("first"), digests)).isFalse();
	}

}
