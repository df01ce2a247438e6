package dev.aloft.router.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.router.dispatch.RetryPolicy.Decision;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	private static final Instant ENQUEUED = Instant.parse("2026-01-01T00:00:00Z");

	private final RetryPolicy policy = new RetryPolicy(properties(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)),
			Duration.ofSeconds(1), Duration.ofMinutes(5)));

	@Test
	void retriesFunctionErrorsAfterLambdasDelaysThenGivesUp() {
		EventInvokeConfig config = config(2, 21_600);

		Decision first = this.policy.afterFunctionError(1, ENQUEUED, ENQUEUED, config);
		Decision second = this.policy.afterFunctionError(2, ENQUEUED, ENQUEUED.plusSeconds(60), config);
		Decision third = this.policy.afterFunctionError(3, ENQUEUED, ENQUEUED.plusSeconds(180), config);

		assertThat(first).isEqualTo(Decision.retryAt(ENQUEUED.plusSeconds(60)));
		assertThat(second).isEqualTo(Decision.retryAt(ENQUEUED.plusSeconds(180)));
		assertThat(third).isEqualTo(Decision.giveUp(DeadLetterReason.RETRIES_EXHAUSTED));
	}

	@Test
	void zeroRetriesGivesUpAfterTheFirstAttempt() {
		assertThat(this.policy.afterFunctionError(1, ENQUEUED, ENQUEUED, config(0, 21_600)))
			.isEqualTo(Decision.giveUp(DeadLetterReason.RETRIES_EXHAUSTED));
	}

	@Test
	void neverSchedulesARetryAtOrPastTheMaximumEventAge() {
		EventInvokeConfig config = config(2, 90);

		assertThat(this.policy.afterFunctionError(1, ENQUEUED, ENQUEUED.plusSeconds(29), config))
			.isEqualTo(Decision.retryAt(ENQUEUED.plusSeconds(89)));
		assertThat(this.policy.afterFunctionError(1, ENQUEUED, ENQUEUED.plusSeconds(30), config))
			.isEqualTo(Decision.giveUp(DeadLetterReason.EVENT_AGE_EXCEEDED));
		assertThat(this.policy.afterDeferral(1, ENQUEUED, ENQUEUED.plusSeconds(89), config))
			.isEqualTo(Decision.giveUp(DeadLetterReason.EVENT_AGE_EXCEEDED));
	}

	@Test
	void backsOffExponentiallyFromOneSecondToFiveMinutes() {
		assertThat(this.policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.policy.backoff(9)).isEqualTo(Duration.ofSeconds(256));
		assertThat(this.policy.backoff(10)).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.policy.backoff(1_000)).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.policy.afterDeferral(3, ENQUEUED, ENQUEUED, config(2, 21_600)))
			.isEqualTo(Decision.retryAt(ENQUEUED.plusSeconds(4)));
	}

	@Test
	void anEventIsExpiredOnceItReachesItsMaximumAge() {
		EventInvokeConfig config = config(2, 60);

		assertThat(this.policy.expired(ENQUEUED, ENQUEUED.plusSeconds(59), config)).isFalse();
		assertThat(this.policy.expired(ENQUEUED, ENQUEUED.plusSeconds(60), config)).isTrue();
	}

	@Test
	void theLastFunctionErrorDelayRepeats() {
		RetryPolicy oneDelay = new RetryPolicy(
				properties(List.of(Duration.ofMillis(50)), Duration.ofMillis(50), Duration.ofMillis(200)));

		assertThat(oneDelay.afterFunctionError(2, ENQUEUED, ENQUEUED, config(2, 60)))
			.isEqualTo(Decision.retryAt(ENQUEUED.plusMillis(50)));
	}

	static DispatchProperties properties(List<Duration> functionErrorDelays, Duration backoffInitial,
			Duration backoffMax) {
		return new DispatchProperties(4, 4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1),
				DataSize.ofMegabytes(1), Duration.ofDays(1),
				new DispatchProperties.Retry(functionErrorDelays, backoffInitial, backoffMax),
				new DispatchProperties.Delivery(Duration.ofSeconds(10), 5));
	}

	private static EventInvokeConfig config(int retries, int maximumAgeSeconds) {
		return new EventInvokeConfig("default", "fn", "$LATEST", retries, maximumAgeSeconds, null, null);
	}

}
