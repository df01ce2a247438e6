package dev.aloft.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh PostgreSQL database from
 * {@link PostgresTestServer}:
 * {@code @ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)}.
 */
public class PostgresTestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestDatabase database = PostgresTestServer.get().newDatabase();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("aloftTestDatabase",
					Map.of("spring.datasource.url", database.jdbcUrl(), "spring.datasource.username",
							database.username(), "spring.datasource.password", database.password())));
		// Test JVMs cache many contexts at once, each with its own pool: keep an idle
		// context down to one connection so a module's suite stays far below the server's
		// max_connections (100 by default), also while other builds share the server.
		// Lowest precedence, so a test can still ask for more.
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("aloftTestDatabasePool",
					Map.of("spring.datasource.hikari.maximum-pool-size", "8", "spring.datasource.hikari.minimum-idle",
							"1", "spring.datasource.hikari.idle-timeout", "10000")));
	}

}
