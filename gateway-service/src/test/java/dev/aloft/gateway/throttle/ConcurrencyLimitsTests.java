package dev.aloft.gateway.throttle;

import java.util.List;
import java.util.Map;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lambda's concurrency model per namespace: reservations cap their functions and are
 * taken out of the namespace's limit; the rest is shared.
 */
class ConcurrencyLimitsTests {

	private static final ConfigView VIEW = ConfigView.of(new ConfigSnapshot(4,
			List.<ConfigResource>of(version("team", "reserved"), version("team", "shared"), version("team", "other"),
					version("team", "stopped"), new FunctionConcurrencyConfig("team", "reserved", 1),
					new FunctionConcurrencyConfig("team", "stopped", 0))));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ConcurrencyLimits limits = new ConcurrencyLimits(new ThrottleProperties(3, Map.of("big", 100)),
			new ClusterProperties(1, 0), this.meters);

	@Test
	void unreservedFunctionsShareWhatTheReservationsLeave() throws Exception {
		ConcurrencyPermit first = this.limits.acquire(VIEW, "team", "shared");
		this.limits.acquire(VIEW, "team", "other");

		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> this.limits.acquire(VIEW, "team", "shared"))
			.satisfies((ex) -> assertThat(ex.reservedLimit()).isFalse());
		// The reservation is still there for its function.
		this.limits.acquire(VIEW, "team", "reserved");

		first.close();
		first.close();
		this.limits.acquire(VIEW, "team", "shared");
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> this.limits.acquire(VIEW, "team", "other"));
	}

	@Test
	void reservationCapsItsFunction() throws Exception {
		ConcurrencyPermit permit = this.limits.acquire(VIEW, "team", "reserved");

		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> this.limits.acquire(VIEW, "team", "reserved"))
			.satisfies((ex) -> assertThat(ex.reservedLimit()).isTrue());
		permit.close();
		this.limits.acquire(VIEW, "team", "reserved");
	}

	@Test
	void reservationOfZeroStopsTheFunction() {
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> this.limits.acquire(VIEW, "team", "stopped"))
			.satisfies((ex) -> assertThat(ex.reservedLimit()).isTrue());
		assertThat(this.meters.get("aloft.gateway.throttled").tag("limit", "reserved").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("aloft.gateway.throttled").tag("limit", "namespace").counter().count()).isZero();
	}

	@Test
	void namespacesHaveTheirOwnCountsAndLimits() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.limits.acquire(VIEW, "default", "f");
		}
		for (int i = 0; i < 100; i++) {
			this.limits.acquire(VIEW, "big", "f");
		}

		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> this.limits.acquire(VIEW, "default", "g"));
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> this.limits.acquire(VIEW, "big", "g"));
		this.limits.acquire(VIEW, "team", "shared");
	}

	@Test
	void gatewayOfSeveralAdmitsOnlyItsShareOfEachLimit() throws Exception {
		// Of two gateways, the second admits none of the reservation of 1 and one of the
		// 2
		// places the namespace's limit of 3 leaves; the first admits the rest.
		ConcurrencyLimits second = limits(new ClusterProperties(2, 1));
		ConcurrencyLimits first = limits(new ClusterProperties(2, 0));

		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> second.acquire(VIEW, "team", "reserved"))
			.withMessageContaining("gateway 1 of 2 admits 0");
		second.acquire(VIEW, "team", "shared");
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> second.acquire(VIEW, "team", "other"))
			.satisfies((ex) -> assertThat(ex.reservedLimit()).isFalse());

		first.acquire(VIEW, "team", "reserved");
		first.acquire(VIEW, "team", "shared");
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> first.acquire(VIEW, "team", "reserved"));
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> first.acquire(VIEW, "team", "other"));
		// The namespace of 100 splits evenly.
		for (int i = 0; i < 50; i++) {
			first.acquire(VIEW, "big", "f");
			second.acquire(VIEW, "big", "f");
		}
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> first.acquire(VIEW, "big", "f"));
		assertThatExceptionOfType(ConcurrencyLimitExceededException.class)
			.isThrownBy(() -> second.acquire(VIEW, "big", "f"));
	}

	private ConcurrencyLimits limits(ClusterProperties cluster) {
		return new ConcurrencyLimits(new ThrottleProperties(3, Map.of("big", 100)), cluster, this.meters);
	}

	private static FunctionVersionConfig version(String namespace, String name) {
		return new FunctionVersionConfig(namespace, name, FunctionVersionConfig.LATEST, "rev", "python3.12",
				"app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1234);
	}

}
