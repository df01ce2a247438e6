package dev.aloft.e2e;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.aloft.testsupport.PostgresTestServer;
import dev.aloft.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone launcher, as a newcomer runs it: all four services in one JVM on an
 * embedded database. Deploys the hello function, calls it through the gateway, restarts
 * the platform and calls it again; and the same on a PostgreSQL database instead. A
 * service that cannot start stops the whole launcher.
 */
class StandaloneE2eTests {

	/** Streams its answer as Lambda's Node.js runtime lets a handler do. */
	private static final String STREAMING_HANDLER = """
			export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
			  const stream = awslambda.HttpResponseStream.from(responseStream,
			    { statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Path': event.rawPath } });
			  stream.write('first ');
			  stream.write('second ');
			  stream.end('third');
			});
			""";

	@TempDir
	Path dataDirectory;

	private final int gatewayPort = Ports.free();

	private final int controlPlanePort = Ports.free();

	private final int invokerPort = Ports.free();

	private final int routerPort = Ports.free();

	private final int runtimeApiPort = Ports.free();

	@Test
	void servesAFunctionBehindARouteAndKeepsItAcrossARestart() throws Exception {
		AloftClient client = new AloftClient(url(this.controlPlanePort), url(this.gatewayPort));
		try (AloftProcess platform = start()) {
			HelloFunction.deploy(client);
			JsonNode first = HelloFunction.call(client, "world", platform.pid(), this.runtimeApiPort);
			JsonNode second = HelloFunction.call(client, "again", platform.pid(), this.runtimeApiPort);
			assertThat(second.get("pid").asLong()).as("a warm environment serves the second call")
				.isEqualTo(first.get("pid").asLong());
			assertThat(second.get("calls").asInt()).isGreaterThan(first.get("calls").asInt());
			assertThat(second.get("requestId").asString()).isNotEqualTo(first.get("requestId").asString());
			for (int port : new int[] { this.gatewayPort, this.controlPlanePort, this.invokerPort, this.routerPort }) {
				assertThat(AloftProcess.status(url(port) + "/actuator/health/liveness")).isEqualTo(200);
				assertThat(AloftProcess.status(url(port) + "/actuator/prometheus")).isEqualTo(200);
			}
			assertThat(platform.stop()).as("a clean stop").isIn(0, 130, 143);
			assertThat(Files.readString(platform.log()))
				.as("the database stays open until the services that use it have stopped")
				.doesNotContain("Database is already closed");
		}
		assertThat(this.dataDirectory.resolve("master.key")).as("the key is kept for the restart").exists();
		try (AloftProcess restarted = start()) {
			JsonNode afterRestart = HelloFunction.call(client, "restart", restarted.pid(), this.runtimeApiPort);
			assertThat(afterRestart.get("calls").asInt()).as("a fresh environment after the restart").isEqualTo(1);
		}
	}

	@Test
	void keepsItsStateInPostgresqlWhenGivenADatabase() throws Exception {
		TestDatabase database = PostgresTestServer.get().newDatabase();
		AloftClient client = new AloftClient(url(this.controlPlanePort), url(this.gatewayPort));
		try (AloftProcess platform = start("--aloft.standalone.database.url=" + database.jdbcUrl(),
				"--aloft.standalone.database.username=" + database.username(),
				"--aloft.standalone.database.password=" + database.password())) {
			HelloFunction.deploy(client);
			JsonNode answer = HelloFunction.call(client, "postgres", platform.pid(), this.runtimeApiPort);
			assertThat(answer.get("calls").asInt()).isPositive();
			assertThat(Files.readString(platform.log())).as("the password is never logged")
				.doesNotContain("password=" + database.password());
		}
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password());
				ResultSet functions = connection.createStatement()
					.executeQuery("SELECT COUNT(*) FROM control.function_definition")) {
			assertThat(functions.next()).isTrue();
			assertThat(functions.getInt(1)).as("the function is stored in PostgreSQL").isEqualTo(1);
		}
		try (Stream<Path> files = Files.list(this.dataDirectory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("no embedded database file")
				.noneMatch((name) -> name.endsWith(".mv.db"));
		}
	}

	@Test
	void streamsANodeFunctionsResponseThroughAResponseStreamUrl() throws Exception {
		AloftClient client = new AloftClient(url(this.controlPlanePort), url(this.gatewayPort));
		try (AloftProcess platform = start()) {
			HttpResponse<String> function = client.createFunction("streamer", "nodejs20.x", "index.handler",
					AloftClient.zip("index.mjs", STREAMING_HANDLER));
			assertThat(function.statusCode()).as(function.body()).isEqualTo(201);
			HttpResponse<String> created = client.createFunctionUrl("streamer",
					Map.of("authType", "NONE", "invokeMode", "RESPONSE_STREAM"));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String path = "/urls/" + AloftClient.json(created).get("urlId").asString() + "/reports/today";
			await("the URL is live").atMost(Duration.ofSeconds(30)).until(() -> client.get(path).statusCode() != 404);

			HttpResponse<String> response = client.get(path);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
			assertThat(response.headers().firstValue("x-path")).hasValue("/reports/today");
			assertThat(response.body()).isEqualTo("first second third");
		}
	}

	@Test
	void exitsWhenAServiceCannotStartRatherThanRunWithoutIt() throws Exception {
		try (ServerSocket taken = new ServerSocket(this.invokerPort, 1, InetAddress.getLoopbackAddress());
				AloftProcess platform = launch(List.of())) {
			assertThat(platform.awaitExit(Duration.ofMinutes(3))).isEqualTo(1);
			assertThat(Files.readString(platform.log())).contains("Aloft failed to start");
		}
	}

	private AloftProcess start(String... settings) throws Exception {
		return launch(List.of(settings)).awaitReady(readiness(this.controlPlanePort), readiness(this.invokerPort),
				readiness(this.routerPort), readiness(this.gatewayPort));
	}

	private AloftProcess launch(List<String> settings) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--aloft.standalone.data-directory=" + this.dataDirectory,
				"--aloft.standalone.gateway-port=" + this.gatewayPort,
				"--aloft.standalone.control-plane-port=" + this.controlPlanePort,
				"--aloft.standalone.invoker-port=" + this.invokerPort,
				"--aloft.standalone.event-router-port=" + this.routerPort,
				"--aloft.standalone.runtime-api-port=" + this.runtimeApiPort));
		arguments.addAll(settings);
		return AloftProcess.start("standalone", "aloft.e2e.standalone-jar", arguments,
				// As on a newcomer's first start: the launcher creates and keeps its
				// own key.
				Map.of("ALOFT_MASTER_KEY", ""));
	}

	static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	static String readiness(int port) {
		return url(port) + "/actuator/health/readiness";
	}

}
