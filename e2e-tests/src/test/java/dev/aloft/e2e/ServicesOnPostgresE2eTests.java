package dev.aloft.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aloft.testsupport.PostgresTestServer;
import dev.aloft.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.aloft.e2e.StandaloneE2eTests.readiness;
import static dev.aloft.e2e.StandaloneE2eTests.url;

/**
 * The four services as separate processes sharing one PostgreSQL database (each in its
 * own schema), as docker-compose and Kubernetes run them.
 */
class ServicesOnPostgresE2eTests {

	@TempDir
	Path invokerWorkDirectory;

	private final List<AloftProcess> services = new ArrayList<>();

	@AfterEach
	void stopServices() throws InterruptedException {
		for (AloftProcess service : this.services.reversed()) {
			service.close();
		}
	}

	@Test
	void servesAFunctionBehindARoute() throws Exception {
		TestDatabase database = PostgresTestServer.get().newDatabase();
		Map<String, String> databaseEnvironment = Map.of("SPRING_DATASOURCE_URL", database.jdbcUrl(),
				"SPRING_DATASOURCE_USERNAME", database.username(), "SPRING_DATASOURCE_PASSWORD", database.password());
		int controlPlane = Ports.free();
		int invoker = Ports.free();
		int runtimeApi = Ports.free();
		int router = Ports.free();
		int gateway = Ports.free();
		AloftProcess controlPlaneProcess = start("control-plane", "aloft.e2e.control-plane-jar", controlPlane,
				List.of(), databaseEnvironment);
		AloftProcess routerProcess = start("event-router", "aloft.e2e.event-router-jar", router,
				List.of("--aloft.event-router.control-plane.url=" + url(controlPlane),
						"--aloft.event-router.invokers.urls=" + url(gateway)),
				databaseEnvironment);
		AloftProcess invokerProcess = start("invoker", "aloft.e2e.invoker-jar", invoker,
				List.of("--aloft.invoker.control-plane.url=" + url(controlPlane),
						"--aloft.invoker.runtime-api.port=" + runtimeApi,
						"--aloft.invoker.work-directory=" + this.invokerWorkDirectory),
				Map.of());
		AloftProcess gatewayProcess = start("gateway", "aloft.e2e.gateway-jar", gateway,
				List.of("--aloft.gateway.control-plane.url=" + url(controlPlane),
						"--aloft.gateway.invokers.urls=" + url(invoker),
						"--aloft.gateway.event-router.url=" + url(router)),
				Map.of());
		controlPlaneProcess.awaitReady(readiness(controlPlane));
		routerProcess.awaitReady(readiness(router));
		invokerProcess.awaitReady(readiness(invoker));
		gatewayProcess.awaitReady(readiness(gateway));

		AloftClient client = new AloftClient(url(controlPlane), url(gateway));
		HelloFunction.deploy(client);
		HelloFunction.call(client, "postgres", invokerProcess.pid(), runtimeApi);
	}

	private AloftProcess start(String name, String jarProperty, int port, List<String> args,
			Map<String, String> environment) throws Exception {
		List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
		all.addAll(args);
		AloftProcess process = AloftProcess.start(name, jarProperty, all, environment);
		this.services.add(process);
		return process;
	}

}
