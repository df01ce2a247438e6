package dev.aloft.invoker.pool;

import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Environments are interchangeable only for the same content of the same version at the
 * same memory size.
 */
class PoolKeyTests {

	@Test
	void identifiesVersionRevisionAndMemory() {
		PoolKey key = PoolKey.of(function("default", "hello", "$LATEST", "rev-1", 256));

		assertThat(key.versionId()).isEqualTo("default/hello:$LATEST@rev-1");
		assertThat(key.memoryMb()).isEqualTo(256);
	}

	@Test
	void sameVersionContentAndMemoryShareAKey() {
		assertThat(PoolKey.of(function("default", "hello", "3", "rev-1", 128)))
			.isEqualTo(PoolKey.of(function("default", "hello", "3", "rev-1", 128)))
			.hasSameHashCodeAs(PoolKey.of(function("default", "hello", "3", "rev-1", 128)));
	}

	@Test
	void newRevisionOfLatestIsANewKey() {
		assertThat(PoolKey.of(function("default", "hello", "$LATEST", "rev-2", 128)))
			.isNotEqualTo(PoolKey.of(function("default", "hello", "$LATEST", "rev-1", 128)));
	}

	@Test
	void memorySizeVersionFunctionAndNamespaceSeparateKeys() {
		PoolKey key = PoolKey.of(function("default", "hello", "1", "rev-1", 128));

		assertThat(PoolKey.of(function("default", "hello", "1", "rev-1", 256))).isNotEqualTo(key);
		assertThat(PoolKey.of(function("default", "hello", "2", "rev-1", 128))).isNotEqualTo(key);
		assertThat(PoolKey.of(function("default", "other", "1", "rev-1", 128))).isNotEqualTo(key);
		assertThat(PoolKey.of(function("team-a", "hello", "1", "rev-1", 128))).isNotEqualTo(key);
	}

	private static FunctionVersionConfig function(String namespace, String name, String version, String revisionId,
			int memoryMb) {
		return new FunctionVersionConfig(namespace, name, version, revisionId, "python3.11", "app.handler", memoryMb, 3,
				512, Map.of(), "0".repeat(64), 1);
	}

}
