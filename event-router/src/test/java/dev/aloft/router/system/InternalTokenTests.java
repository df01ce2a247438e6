package dev.aloft.router.system;

import dev.aloft.secrets.MasterKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternalTokenTests {

	@Test
	void matchesOnlyTheTokenDerivedFromTheMasterKey() {
		MasterKey key = MasterKey.generate();
		InternalToken token = InternalToken.of(key);

		assertThat(token.value()).isEqualTo(key.internalToken());
		assertThat(token.matches(key.internalToken())).isTrue();
		assertThat(token.matches(MasterKey.generate().internalToken())).isFalse();
		assertThat(token.matches("")).isFalse();
		assertThat(token.matches(null)).isFalse();
	}

	@Test
	void theMasterKeyNeverShows() {
		assertThat(new SecurityProperties("secret").toString()).doesNotContain("secret");
	}

}
