package dev.aloft.router.catalog;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionCatalogTests {

	private final ConfigView view = ConfigView.of(new ConfigSnapshot(7,
			List.of(version("$LATEST"), version("1"), version("2"),
					new AliasConfig("ns", "fn", "live", "1", "2", 0.25, "r"),
					new AliasConfig("ns", "fn", "broken", "9", null, 0, "r"),
					new EventInvokeConfig("ns", "fn", "live", 0, 60, "https://example.com/ok", null))));

	@Test
	void resolvesVersionsAndAliases() {
		assertThat(resolve("$LATEST", 0.5).version()).isEqualTo("$LATEST");
		assertThat(resolve("2", 0.5).version()).isEqualTo("2");
		assertThat(FunctionCatalog.resolve(this.view, "ns", "fn", "3", fixed(0.5))).isNull();
		assertThat(FunctionCatalog.resolve(this.view, "ns", "fn", "broken", fixed(0.5))).isNull();
		assertThat(FunctionCatalog.resolve(this.view, "ns", "other", "$LATEST", fixed(0.5))).isNull();
	}

	@Test
	void sendsAnAliasesWeightToItsAdditionalVersion() {
		assertThat(resolve("live", 0.0).version()).isEqualTo("2");
		assertThat(resolve("live", 0.2499).version()).isEqualTo("2");
		assertThat(resolve("live", 0.25).version()).isEqualTo("1");
		assertThat(resolve("live", 0.99).version()).isEqualTo("1");
	}

	@Test
	void readsEventInvokeSettingsOfTheExactQualifierOrLambdasDefaults() {
		EventInvokeConfig live = FunctionCatalog.eventInvokeConfig(this.view, "ns", "fn", "live");
		EventInvokeConfig latest = FunctionCatalog.eventInvokeConfig(this.view, "ns", "fn", "$LATEST");

		assertThat(live.maximumRetryAttempts()).isZero();
		assertThat(live.onSuccessDestination()).isEqualTo("https://example.com/ok");
		assertThat(latest.maximumRetryAttempts()).isEqualTo(2);
		assertThat(latest.maximumEventAgeSeconds()).isEqualTo(21_600);
		assertThat(latest.onSuccessDestination()).isNull();
		assertThat(latest.onFailureDestination()).isNull();
	}

	private FunctionVersionConfig resolve(String qualifier, double random) {
		FunctionVersionConfig version = FunctionCatalog.resolve(this.view, "ns", "fn", qualifier, fixed(random));
		assertThat(version).isNotNull();
		return version;
	}

	private static FunctionVersionConfig version(String version) {
		return new FunctionVersionConfig("ns", "fn", version, "r", "python3.11", "app.handler", 128, 3, 512, Map.of(),
				"0".repeat(64), 1);
	}

	private static RandomGenerator fixed(double value) {
		return new RandomGenerator() {

			@Override
			public long nextLong() {
				return 0;
			}

			@Override
			public double nextDouble() {
				return value;
			}

		};
	}

}
