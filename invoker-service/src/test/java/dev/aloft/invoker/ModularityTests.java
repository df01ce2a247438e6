package dev.aloft.invoker;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features are modules (STYLE B2): each talks to another only through its API.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(InvokerApplication.class);

	@Test
	void featuresRespectModuleBoundaries() {
		this.modules.verify();
	}

	/**
	 * The features, plus {@code spi}: the sandbox SPI jar's package
	 * ({@code dev.aloft.invoker.spi}) sits under this application's root package, so
	 * Modulith counts it as one more module, which the pool and the sandbox wiring use.
	 */
	@Test
	void everyFeatureIsAModule() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
				"catalog", "code", "invocation", "metrics", "pool", "records", "runtime", "runtimeapi", "sandbox",
				"spi", "system", "warmth");
	}

}
