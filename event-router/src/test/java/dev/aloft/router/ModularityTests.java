package dev.aloft.router;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void featuresRespectTheirBoundaries() {
		ApplicationModules.of(EventRouterApplication.class).verify();
	}

}
