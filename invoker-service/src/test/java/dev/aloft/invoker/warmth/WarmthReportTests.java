package dev.aloft.invoker.warmth;

import java.util.Map;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmthReportTests {

	private static final FunctionVersionConfig HELLO = new FunctionVersionConfig("default", "hello",
			FunctionVersionConfig.LATEST, "rev-1", "python3.12", "app.handler", 128, 3, 512, Map.of(), "0".repeat(64),
			1234);

	@Test
	void withoutASourceTheHeaderIsLeftOut() {
		assertThat(new WarmthReport((WarmEnvironments) null).headerValue(HELLO)).isNull();
	}

	@Test
	void headerCarriesTheSourcesCount() {
		assertThat(new WarmthReport((WarmEnvironments) (function) -> 3).headerValue(HELLO)).isEqualTo("3");
	}

	@Test
	void negativeCountsAreReportedAsNone() {
		assertThat(new WarmthReport((WarmEnvironments) (function) -> -1).headerValue(HELLO)).isEqualTo("0");
	}

}
