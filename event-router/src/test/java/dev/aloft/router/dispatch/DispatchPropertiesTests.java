package dev.aloft.router.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DispatchPropertiesTests {

	@Test
	void defaultsAreLambdas() {
		DispatchProperties properties = bind(Map.of());

		assertThat(properties.retry().functionErrorDelays()).containsExactly(Duration.ofMinutes(1),
				Duration.ofMinutes(2));
		assertThat(properties.retry().backoffInitial()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.retry().backoffMax()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.maxPayloadSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.leaseRenewal()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void bindsKebabCaseKeys() {
		DispatchProperties properties = bind(Map.of("aloft.event-router.dispatch.retry.function-error-delays",
				"100ms,200ms", "aloft.event-router.dispatch.delivery.max-attempts", "3",
				"aloft.event-router.dispatch.lease-duration", "3s"));

		assertThat(properties.retry().functionErrorDelays()).containsExactly(Duration.ofMillis(100),
				Duration.ofMillis(200));
		assertThat(properties.delivery().maxAttempts()).isEqualTo(3);
		assertThat(properties.leaseRenewal()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void refusesInconsistentSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DispatchProperties.Retry(List.of(Duration.ofMinutes(1)), Duration.ofMinutes(1),
					Duration.ofSeconds(1)))
			.withMessageContaining("backoff-max");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DispatchProperties.Retry(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.withMessageContaining("function-error-delays");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicyTests
			.properties(List.of(Duration.ofMinutes(1)), Duration.ZERO, Duration.ofSeconds(1)));
	}

	private static DispatchProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("aloft.event-router.dispatch",
				DispatchProperties.class);
	}

}
