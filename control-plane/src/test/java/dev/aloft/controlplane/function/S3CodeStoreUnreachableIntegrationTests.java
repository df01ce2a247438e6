package dev.aloft.controlplane.function;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.S3TestServer;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.pythonFunction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code store that cannot be reached: uploads get a 503 problem and change nothing, so
 * no function names code that is not stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class S3CodeStoreUnreachableIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ControlPlaneClient client;

	@DynamicPropertySource
	static void unreachableStore(DynamicPropertyRegistry registry) throws IOException {
		S3TestServer.get().codeStoreSettings("unreachable", "").forEach((key, value) -> registry.add(key, () -> value));
		// A loopback port nothing listens on any more.
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		registry.add("aloft.control-plane.code.s3.endpoint", () -> "http://127.0.0.1:" + closedPort);
		registry.add("aloft.control-plane.code.s3.timeout", () -> "5s");
	}

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void uploadGetsServiceUnavailableAndLeavesNothingBehind() {
		long revision = this.client.snapshot().get("revision").asLong();

		JsonNode problem = assertProblem(
				this.client.post(functionsPath("default"),
						pythonFunction("unstored", CodeZips.pythonApp("unreachable store"))),
				HttpStatus.SERVICE_UNAVAILABLE, "CODE_STORE_UNAVAILABLE");

		assertThat(problem.get("detail").asString()).contains("could not store");
		assertThat(problem.get("retryable").asBoolean()).isTrue();
		assertProblem(this.client.get(functionsPath("default") + "/unstored"), HttpStatus.NOT_FOUND,
				"FUNCTION_NOT_FOUND");
		assertThat(this.jdbc.sql("SELECT count(*) FROM code_artifact").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM function_definition").query(Long.class).single()).isZero();
		assertThat(this.client.snapshot().get("revision").asLong()).isEqualTo(revision);
	}

}
