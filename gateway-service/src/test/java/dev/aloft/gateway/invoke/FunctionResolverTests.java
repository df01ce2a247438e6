package dev.aloft.gateway.invoke;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionVersionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FunctionResolverTests {

	private static final ConfigView VIEW = ConfigView.of(new ConfigSnapshot(1,
			List.of(version("$LATEST"), version("1"), version("2"),
					new AliasConfig("default", "fn", "live", "1", "2", 0.2, "r"),
					new AliasConfig("default", "fn", "stable", "1", null, 0, "r"),
					new AliasConfig("default", "fn", "broken", "7", null, 0, "r"))));

	@Test
	void versionsResolveToThemselves() {
		FunctionResolver resolver = new FunctionResolver();

		assertThat(resolver.resolve(VIEW, "default", "fn", "$LATEST").version()).isEqualTo("$LATEST");
		assertThat(resolver.resolve(VIEW, "default", "fn", "2").version()).isEqualTo("2");
		assertThat(resolver.resolve(VIEW, "default", "fn", "3")).isNull();
		assertThat(resolver.resolve(VIEW, "default", "other", "$LATEST")).isNull();
	}

	@Test
	void anAliasResolvesToItsVersion() {
		FunctionResolver resolver = new FunctionResolver();

		assertThat(resolver.resolve(VIEW, "default", "fn", "stable").version()).isEqualTo("1");
		assertThat(resolver.resolve(VIEW, "default", "fn", "broken")).as("its version is gone").isNull();
	}

	@Test
	void aWeightedAliasSendsItsShareToTheSecondVersion() {
		Random seeded = new Random(42);
		FunctionResolver resolver = new FunctionResolver(seeded::nextDouble);
		Map<String, Integer> counts = new HashMap<>();

		for (int i = 0; i < 10_000; i++) {
			counts.merge(resolver.resolve(VIEW, "default", "fn", "live").version(), 1, Integer::sum);
		}

		assertThat(counts.get("2") / 10_000.0).isCloseTo(0.2, within(0.02));
		assertThat(counts.get("1") + counts.get("2")).isEqualTo(10_000);
	}

	private static FunctionVersionConfig version(String version) {
		return new FunctionVersionConfig("default", "fn", version, "r" + version, "python3.12", "app.handler", 128, 3,
				512, Map.of(), "0".repeat(64), 1);
	}

}
