package dev.aloft.standalone;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class StandalonePropertiesTests {

	@Test
	void defaultsToTheDocumentedPortsAndALocalDataDirectory() {
		StandaloneProperties properties = AloftStandalone.bind(new String[0]);

		assertThat(properties.gatewayPort()).isEqualTo(8080);
		assertThat(properties.controlPlanePort()).isEqualTo(8081);
		assertThat(properties.invokerPort()).isEqualTo(8082);
		assertThat(properties.eventRouterPort()).isEqualTo(8083);
		assertThat(properties.runtimeApiPort()).isEqualTo(9001);
		assertThat(properties.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(properties.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
	}

	@Test
	void takesSettingsFromArguments() {
		StandaloneProperties properties = AloftStandalone
			.bind(new String[] { "--aloft.standalone.gateway-port=9080", "--aloft.standalone.data-directory=/tmp/x" });

		assertThat(properties.gatewayPort()).isEqualTo(9080);
		assertThat(properties.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
		assertThat(properties.controlPlaneUrl()).isEqualTo("http://127.0.0.1:8081");
	}

	@Test
	void refusesTwoServicesOnOnePort() {
		assertThatException()
			.isThrownBy(() -> AloftStandalone.bind(
					new String[] { "--aloft.standalone.gateway-port=18181", "--aloft.standalone.invoker-port=18181" }))
			.havingRootCause()
			.withMessage("aloft.standalone.gateway-port and aloft.standalone.invoker-port are both 18181; "
					+ "each service needs its own port");
	}

	@Test
	void takesAPostgresqlDatabaseAndNeverShowsItsPassword() {
		StandaloneProperties properties = AloftStandalone
			.bind(new String[] { "--aloft.standalone.database.url=jdbc:postgresql://127.0.0.1:5432/aloft",
					"--aloft.standalone.database.username=aloft", "--aloft.standalone.database.password=s3cr3t" });

		assertThat(properties.database()).isNotNull();
		assertThat(properties.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/aloft");
		assertThat(properties.database().username()).isEqualTo("aloft");
		assertThat(properties.database().password()).isEqualTo("s3cr3t");
		assertThat(properties.database().toString()).doesNotContain("s3cr3t");
		assertThat(AloftStandalone.bind(new String[0]).database()).as("the embedded database by default").isNull();
	}

	@Test
	void everyStatefulServiceGetsItsOwnSchemaInOneEmbeddedDatabase() {
		String url = AloftStandalone.bind(new String[] { "--aloft.standalone.data-directory=/srv/aloft" })
			.embeddedDatabaseUrl();

		assertThat(url).startsWith("jdbc:h2:file:/srv/aloft/aloft;MODE=PostgreSQL")
			.contains("CREATE SCHEMA IF NOT EXISTS control")
			.contains("CREATE SCHEMA IF NOT EXISTS router");
	}

}
