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
	}

}
