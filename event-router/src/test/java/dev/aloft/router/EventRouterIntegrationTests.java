package dev.aloft.router;

import java.util.List;

import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router starts on PostgreSQL, owns the {@code router} schema through its own Flyway
 * history, and reports itself ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class EventRouterIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void migratesItsOwnSchema() {
		List<String> tables = this.jdbc
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'router' ORDER BY table_name")
			.query(String.class)
			.list();

		assertThat(tables).contains("async_invocation", "flyway_schema_history");
	}

	@Test
	void reportsReadinessAndMetrics() {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);

		assertThat(client.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("UP");
		assertThat(client.get().uri("/actuator/prometheus").retrieve().body(String.class))
			.contains("application=\"event-router\"");
	}

}
