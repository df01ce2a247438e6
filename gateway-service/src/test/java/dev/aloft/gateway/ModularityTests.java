package dev.aloft.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features are modules (STYLE B2): each talks to another only through its API.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GatewayApplication.class);

	@Test
	void featuresRespectModuleBoundaries() {
		this.modules.verify();
	}

	@Test
	void everyFeatureIsAModule() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
				"auth", "awsapi", "catalog", "invoke", "management", "relay", "route", "system", "throttle");
	}

}
