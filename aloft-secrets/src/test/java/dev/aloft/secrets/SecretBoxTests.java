package dev.aloft.secrets;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecretBoxTests {

	private final MasterKey key = MasterKey.generate();

	private final SecretBox box = new SecretBox(this.key);

	@Test
	void sealedSecretsOpenWithTheSameKeyAndContext() {
		String sealed = this.box.seal("hunter2 ünïcode", "env:default/fn/DB_PASSWORD");

		assertThat(sealed).startsWith("v1:" + this.key.id() + ":").doesNotContain("hunter2");
		assertThat(this.box.open(sealed, "env:default/fn/DB_PASSWORD")).isEqualTo("hunter2 ünïcode");
		assertThat(new SecretBox(MasterKey.fromBase64(this.key.toBase64())).open(sealed, "env:default/fn/DB_PASSWORD"))
			.as("the same key, read back from base64")
			.isEqualTo("hunter2 ünïcode");
	}

	@Test
	void sealingTwiceGivesDifferentCiphertexts() {
		assertThat(this.box.seal("x", "c")).isNotEqualTo(this.box.seal("x", "c"));
	}

	@Test
	void aSecretDoesNotOpenInAnotherContextWithAnotherKeyOrAltered() {
		String sealed = this.box.seal("hunter2", "env:default/fn/A");

		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(sealed, "env:default/fn/B"));
		assertThatExceptionOfType(SecretBoxException.class)
			.isThrownBy(() -> new SecretBox(MasterKey.generate()).open(sealed, "env:default/fn/A"));
		byte[] payload = Base64.getDecoder().decode(sealed.split(":")[2]);
		payload[payload.length - 1] ^= 1;
		String altered = "v1:" + this.key.id() + ":" + Base64.getEncoder().encodeToString(payload);
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open(altered, "env:default/fn/A"))
			.withMessageNotContaining("hunter2");
		assertThatExceptionOfType(SecretBoxException.class).isThrownBy(() -> this.box.open("plain", "c"));
		assertThatExceptionOfType(SecretBoxException.class)
			.isThrownBy(() -> this.box.open("v1:" + this.key.id() + ":AAAA", "c"));
	}

	@Test
	void keysAreThirtyTwoBytesOfBase64() {
		assertThatIllegalArgumentException().isThrownBy(() -> MasterKey.fromBase64("not base64!"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
		assertThat(this.key.toString()).doesNotContain(this.key.toBase64());
	}

	@Test
	void theInternalTokenIsDerivedFromTheKey() {
		assertThat(this.key.internalToken()).hasSize(43)
			.isEqualTo(MasterKey.fromBase64(this.key.toBase64()).internalToken())
			.isNotEqualTo(MasterKey.generate().internalToken());
	}

}
