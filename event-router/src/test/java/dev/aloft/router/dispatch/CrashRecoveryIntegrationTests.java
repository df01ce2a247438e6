package dev.aloft.router.dispatch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker.Answer;
import dev.aloft.testsupport.PostgresTestServer;
import dev.aloft.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Killing the router with {@code kill -9} in the middle of a burst loses nothing.
 * <p>
 * The router runs as its own JVM from its runnable jar. A client sends a burst of events,
 * each with its own idempotency key. Once 100 have reached the function, the invoker
 * stops answering (so invocations are in flight), and while the second half of the burst
 * is being sent the router is killed with SIGKILL. It is started again on the same
 * database; the client sends again every event it got no answer for, with the same key,
 * as a real caller would. Then every accepted event must be delivered, and nothing else:
 * the set of request ids the function saw equals the set of accepted invocation ids.
 * Duplicates (events invoked before the crash whose outcome was not recorded) are what
 * at-least-once allows; they are counted and reported.
 */
class CrashRecoveryIntegrationTests {

	private static final int EVENTS = 500;

	private static final int ANSWERED_BEFORE_STALL = 100;

	private static final int ACKNOWLEDGED_IN_SECOND_HALF_BEFORE_KILL = 50;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopRouters() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void killingTheRouterMidBurstLosesNothing() throws Exception {
		TestDatabase database = PostgresTestServer.get().newDatabase();
		CountDownLatch resume = new CountDownLatch(1);
		AtomicInteger answered = new AtomicInteger();
		try (FakeControlPlane controlPlane = FakeControlPlane.start(1,
				List.of(RouterFakes.version("burst", "$LATEST")));
				FakeInvoker invoker = FakeInvoker.start();
				ExecutorService clients = Executors.newFixedThreadPool(8)) {
			invoker.answer("burst", (request) -> {
				if (answered.incrementAndGet() > ANSWERED_BEFORE_STALL) {
					try {
						resume.await(2, TimeUnit.MINUTES);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return Answer.success("{}").reply(request);
			});
			Map<Integer, UUID> accepted = new ConcurrentHashMap<>();
			Set<Integer> unanswered = ConcurrentHashMap.newKeySet();

			RouterProcess first = startRouter(database, controlPlane, invoker, "first");
			int firstPort = awaitReady(first);
			Burst burst = new Burst(firstPort, controlPlane.revision(), accepted, unanswered);
			runAll(clients, IntStream.range(0, EVENTS / 2), burst::send);
			assertThat(unanswered).as("the router is up: every event of the first half is answered").isEmpty();
			await("the first events reach the function").atMost(Duration.ofSeconds(60))
				.until(() -> invoker.requests("burst").size() >= ANSWERED_BEFORE_STALL);

			AtomicInteger acknowledgedInSecondHalf = new AtomicInteger();
			runAll(clients, IntStream.range(EVENTS / 2, EVENTS), (n) -> {
				if (burst.send(n)
						&& acknowledgedInSecondHalf.incrementAndGet() == ACKNOWLEDGED_IN_SECOND_HALF_BEFORE_KILL) {
					first.process().destroyForcibly();
				}
			});
			assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(unanswered).as("the kill landed in the middle of the burst").isNotEmpty();
			int acknowledgedBeforeKill = accepted.size();
			int deliveredBeforeKill = invoker.requests("burst").size();
			resume.countDown();

			RouterProcess second = startRouter(database, controlPlane, invoker, "second");
			Burst retry = new Burst(awaitReady(second), controlPlane.revision(), accepted, unanswered);
			for (int n : Set.copyOf(unanswered)) {
				unanswered.remove(n);
				assertThat(retry.send(n)).as("event %d is accepted after the restart", n).isTrue();
			}

			assertThat(accepted).hasSize(EVENTS);
			Set<String> acceptedIds = new HashSet<>();
			accepted.values().forEach((id) -> acceptedIds.add(id.toString()));
			assertThat(acceptedIds).as("one invocation per idempotency key").hasSize(EVENTS);
			await("every accepted event is delivered").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> deliveredIds(invoker).containsAll(acceptedIds) && unfinished(database) == 0);
			assertThat(deliveredIds(invoker)).as("nothing but accepted events is delivered").isEqualTo(acceptedIds);
			assertThat(states(database)).containsOnlyKeys("SUCCEEDED");
			int deliveries = invoker.requests("burst").size();
			System.out.printf(
					"kill -9 mid-burst: %d events accepted (%d acknowledged before the kill, %d resent after it), "
							+ "%d deliveries before the kill, %d deliveries in all, %d duplicates%n",
					EVENTS, acknowledgedBeforeKill, EVENTS - acknowledgedBeforeKill, deliveredBeforeKill, deliveries,
					deliveries - acceptedIds.size());
		}
	}

	private RouterProcess startRouter(TestDatabase database, FakeControlPlane controlPlane, FakeInvoker invoker,
			String name) throws IOException {
		String jar = System.getProperty("aloft.event-router.exec-jar");
		assertThat(jar).as("run through Maven (failsafe sets aloft.event-router.exec-jar)").isNotNull();
		assertThat(Path.of(jar)).isRegularFile();
		String java = ProcessHandle.current().info().command().orElse("java");
		int port = freePort();
		List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar,
				"--server.port=" + port, "--server.address=127.0.0.1", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(),
				"--aloft.event-router.control-plane.url=" + controlPlane.uri(),
				"--aloft.event-router.invokers.urls=" + invoker.uri(), "--aloft.event-router.dispatch.workers=8",
				"--aloft.event-router.dispatch.poll-interval=50ms", "--aloft.event-router.dispatch.lease-duration=2s",
				"--aloft.event-router.dispatch.retry.backoff-initial=50ms",
				"--aloft.event-router.dispatch.retry.backoff-max=500ms");
		Path logs = Files.createDirectories(Path.of("target", "crash-test-logs"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logs.resolve(name + "-router.log").toFile())
			.start();
		this.processes.add(process);
		return new RouterProcess(process, port);
	}

	private static int awaitReady(RouterProcess router) {
		Process process = router.process();
		int port = router.port();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		await("router ready on " + port).atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				assertThat(process.isAlive()).as("router process alive; see target/crash-test-logs").isTrue();
				try {
					return http
						.send(HttpRequest
							.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
							.build(), HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200;
				}
				catch (IOException ex) {
					return false;
				}
			});
		return port;
	}

	private static void runAll(ExecutorService clients, IntStream events, IntConsumer send) throws Exception {
		List<Future<?>> sent = new ArrayList<>();
		events.forEach((n) -> sent.add(clients.submit(() -> send.accept(n))));
		for (Future<?> future : sent) {
			future.get(2, TimeUnit.MINUTES);
		}
	}

	private static Set<String> deliveredIds(FakeInvoker invoker) {
		Set<String> ids = new HashSet<>();
		invoker.requests("burst").forEach((request) -> ids.add(request.requestId()));
		return ids;
	}

	private static long unfinished(TestDatabase database) throws SQLException {
		Map<String, Long> states = states(database);
		return states.getOrDefault("QUEUED", 0L) + states.getOrDefault("RUNNING", 0L);
	}

	private static Map<String, Long> states(TestDatabase database) throws SQLException {
		Properties credentials = new Properties();
		credentials.setProperty("user", database.username());
		credentials.setProperty("password", database.password());
		Map<String, Long> states = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), credentials);
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT state, COUNT(*) FROM router.async_invocation GROUP BY state")) {
			while (rows.next()) {
				states.put(rows.getString(1), rows.getLong(2));
			}
		}
		return states;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A router JVM and its HTTP port.
	 */
	private record RouterProcess(Process process, int port) {
	}

	/**
	 * Sends events of the burst to one router, each with its own idempotency key, and
	 * notes which were accepted and which got no answer.
	 */
	private record Burst(int port, long revision, Map<Integer, UUID> accepted, Set<Integer> unanswered) {

		private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		/**
		 * @return whether the event was accepted
		 */
		boolean send(int n) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port
						+ "/internal/v1/namespaces/default/functions/burst/async-invocations"))
				.timeout(Duration.ofSeconds(30))
				.header("Idempotency-Key", "event-" + n)
				.header("Authorization", "Bearer " + RouterClient.internalToken())
				.header(InvokerApi.CONFIG_REVISION, Long.toString(this.revision))
				.POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + n + "}", StandardCharsets.UTF_8))
				.build();
			try {
				HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 202) {
					UUID id = UUID.fromString(RouterClient.json(response.body()).get("invocationId").asString());
					UUID earlier = this.accepted.putIfAbsent(n, id);
					assertThat(earlier).as("event %d keeps its id", n).isIn(null, id);
					return true;
				}
				this.unanswered.add(n);
				return false;
			}
			catch (IOException ex) {
				this.unanswered.add(n);
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.unanswered.add(n);
				return false;
			}
		}

	}

}
