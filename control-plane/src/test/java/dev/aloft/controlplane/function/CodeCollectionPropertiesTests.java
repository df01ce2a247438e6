package dev.aloft.controlplane.function;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The collection's settings: it needs a positive interval and grace period.
 */
class CodeCollectionPropertiesTests {

	private static final Duration HOUR = Duration.ofHours(1);

	@Test
	void intervalAndGracePeriodMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CodeCollectionProperties(true, Duration.ZERO, HOUR, 100))
			.withMessageContaining("interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CodeCollectionProperties(true, HOUR, Duration.ofSeconds(-1), 100))
			.withMessageContaining("grace-period");
		assertThat(new CodeCollectionProperties(false, HOUR, HOUR, 100).enabled()).isFalse();
	}

}
