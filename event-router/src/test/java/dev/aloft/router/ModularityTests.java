package dev.aloft.router;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features are modules (STYLE B2): each talks to another only through its API.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(EventRouterApplication.class);

	@Test
	void featuresRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void everyFeatureIsAModule() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString()))
			.containsExactlyInAnyOrder("bucket", "catalog", "dispatch", "invoke", "queue", "s3", "schedule", "system");
	}

}
