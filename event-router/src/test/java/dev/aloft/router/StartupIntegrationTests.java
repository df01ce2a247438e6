package dev.aloft.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aloft.testsupport.PostgresTestServer;
import dev.aloft.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A router without its master key, or without the endpoints it needs, does not start: it
 * would otherwise run unable to follow the control plane or to invoke anything.
 */
class StartupIntegrationTests {

	@Test
	void doesNotStartWithoutAMasterKey() {
		assertThatException().isThrownBy(() -> start(Map.of("aloft.event-router.security.master-key", "")))
			.withStackTraceContaining("aloft.event-router.security");
	}

	@Test
	void doesNotStartWithoutTheControlPlanesAddress() {
		assertThatException().isThrownBy(() -> start(Map.of("aloft.event-router.control-plane.url", "")))
			.withStackTraceContaining("aloft.event-router.control-plane");
	}

	/**
	 * Starts the router with every setting on the command line (above the environment's
	 * ALOFT_MASTER_KEY), the overrides winning.
	 */
	private static void start(Map<String, String> overrides) {
		TestDatabase database = PostgresTestServer.get().newDatabase();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.config.name", EventRouterApplication.CONFIG_NAME);
		settings.put("server.port", "0");
		settings.put("spring.datasource.url", database.jdbcUrl());
		settings.put("spring.datasource.username", database.username());
		settings.put("spring.datasource.password", database.password());
		settings.put("aloft.event-router.invokers.urls", "http://127.0.0.1:9");
		settings.put("aloft.event-router.control-plane.url", "http://127.0.0.1:9");
		settings.putAll(overrides);
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		EventRouterApplication.application().run(args.toArray(String[]::new)).close();
	}

}
