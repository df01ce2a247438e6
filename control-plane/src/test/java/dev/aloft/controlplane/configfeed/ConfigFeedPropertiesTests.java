package dev.aloft.controlplane.configfeed;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The feed's configuration invariants.
 */
class ConfigFeedPropertiesTests {

	private static final Duration EXPIRY = Duration.ofSeconds(90);

	@Test
	void acceptsTheDefaults() {
		ConfigFeedProperties properties = new ConfigFeedProperties(Duration.ofSeconds(1), EXPIRY, Duration.ofHours(1),
				Duration.ofMinutes(5));

		assertThat(properties.tombstoneRetention()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void rejectsATombstoneRetentionShorterThanTheFollowerExpiry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConfigFeedProperties(Duration.ofSeconds(1), EXPIRY, Duration.ofSeconds(89),
					Duration.ofMinutes(5)))
			.withMessageContaining("tombstone-retention");
	}

	@Test
	void rejectsANonPositiveCompactionInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ConfigFeedProperties(Duration.ofSeconds(1), EXPIRY, Duration.ofHours(1), Duration.ZERO))
			.withMessageContaining("compaction-interval");
	}

}
