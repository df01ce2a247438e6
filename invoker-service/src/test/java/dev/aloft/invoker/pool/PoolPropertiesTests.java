package dev.aloft.invoker.pool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How invokers split a version's provisioned concurrency.
 */
class PoolPropertiesTests {

	@Test
	void oneInvokerKeepsAllOfIt() {
		assertThat(properties(1).provisionedShare(5)).isEqualTo(5);
	}

	@Test
	void severalInvokersEachKeepTheirShareRoundedUp() {
		assertThat(properties(3).provisionedShare(5)).isEqualTo(2);
		assertThat(properties(3).provisionedShare(6)).isEqualTo(2);
		assertThat(properties(4).provisionedShare(1)).isEqualTo(1);
	}

	private static PoolProperties properties(int invokers) {
		return new PoolProperties(DataSize.ofGigabytes(4), Duration.ofMinutes(10), Duration.ofSeconds(10),
				Duration.ofSeconds(10), 100, Duration.ofSeconds(30), 0, invokers, Duration.ofSeconds(1));
	}

}
