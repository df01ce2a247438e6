package dev.aloft.controlplane.function;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
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
 * no function names code that is not stored; collected artifacts' bytes stay listed for
 * deletion.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "aloft.control-plane.code.gc.enabled=false")
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class S3CodeStoreUnreachableIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private CodeArtifactCollection collection;

	private ControlPlaneClient client;

	@DynamicPropertySource
	static void unreachableStore(DynamicPropertyRegistry registry) throws IOException {
		S3CodeStoreSettings.of("unreachable", "").forEach((key, value) -> registry.add(key, () -> value));
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

	@Test
	void collectionDeletesTheRowAndListsTheBytesItCouldNotDelete() {
		String sha256 = CodeIntake.sha256(CodeZips.pythonApp("stored before the store went away"));
		this.jdbc
			.sql("INSERT INTO code_artifact (sha256, size_bytes, location, created_at, last_used_at)"
					+ " VALUES (:sha256, 42, :location, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00',"
					+ " TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00')")
			.param("sha256", sha256)
			.param("location", "s3://unreachable/" + sha256)
			.update();

		CodeArtifactCollection.Collected collected = this.collection.collect(Instant.now());

		assertThat(collected.artifacts()).isOne();
		assertThat(collected.bytes()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM code_artifact").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT location FROM code_content_deletion WHERE sha256 = ?")
			.param(sha256)
			.query(String.class)
			.single()).isEqualTo("s3://unreachable/" + sha256);
	}

}
