package dev.aloft.router.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitsTests {

	private final ConcurrencyLimits limits = new ConcurrencyLimits();

	@Test
	void grantsSlotsUpToTheLimitAndReportsTheFunctionSaturated() {
		assertThat(this.limits.tryAcquire("ns/fn", 2)).isTrue();
		assertThat(this.limits.saturated()).isEmpty();
		assertThat(this.limits.tryAcquire("ns/fn", 2)).isTrue();
		assertThat(this.limits.tryAcquire("ns/fn", 2)).isFalse();
		assertThat(this.limits.saturated()).containsExactly("ns/fn");
		assertThat(this.limits.tryAcquire("ns/other", 1)).isTrue();

		this.limits.release("ns/fn");

		assertThat(this.limits.saturated()).containsExactly("ns/other");
		assertThat(this.limits.running("ns/fn")).isEqualTo(1);
		assertThat(this.limits.tryAcquire("ns/fn", 2)).isTrue();
	}

	@Test
	void followsALoweredLimit() {
		assertThat(this.limits.tryAcquire("ns/fn", 3)).isTrue();
		assertThat(this.limits.tryAcquire("ns/fn", 3)).isTrue();

		assertThat(this.limits.tryAcquire("ns/fn", 1)).isFalse();
		assertThat(this.limits.saturated()).containsExactly("ns/fn");

		this.limits.release("ns/fn");
		this.limits.release("ns/fn");
		assertThat(this.limits.running("ns/fn")).isZero();
		assertThat(this.limits.saturated()).isEmpty();
	}

}
