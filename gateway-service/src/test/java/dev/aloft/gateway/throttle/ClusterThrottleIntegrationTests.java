package dev.aloft.gateway.throttle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.gateway.GatewayApplication;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Two gateways in front of one invoker hold a function's reserved concurrency and a
 * namespace's limit together (issue 5, point 6): of a burst through both, at most the
 * limit reaches the invoker, each gateway admitting its share, and every other call is a
 * 429 with {@code Retry-After} while the admitted ones still run. Wrong cluster settings
 * stop a gateway at startup.
 */
class ClusterThrottleIntegrationTests {

	/**
	 * Reserved concurrency of {@code reserved}: 2 through the first gateway, 1 the
	 * second.
	 */
	private static final int RESERVED = 3;

	/**
	 * The namespace's limit; less the reservation, 3 for the other functions, split 2 and
	 * 1 as well.
	 */
	private static final int NAMESPACE_LIMIT = 6;

	/** Calls sent through each gateway at once, well past any share. */
	private static final int BURST = 6;

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(3,
			List.<ConfigResource>of(function("reserved"), function("shared"), function("other"),
					new FunctionConcurrencyConfig("default", "reserved", RESERVED), route("reserved"), route("shared"),
					route("other")));

	private static final FakeService INVOKER = FakeService.start();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeAll
	static void startGateways() throws InterruptedException {
		first = start("--aloft.gateway.cluster.size=2", "--aloft.gateway.cluster.index=0");
		second = start("--aloft.gateway.cluster.size=2", "--aloft.gateway.cluster.index=1");
		for (ConfigurableApplicationContext gateway : List.of(first, second)) {
			assertThat(gateway.getBean(ConfigFeedFollower.class).awaitRevision(CONTROL_PLANE.revision(), PATIENCE))
				.isTrue();
		}
	}

	@AfterAll
	static void stopAll() {
		first.close();
		second.close();
		INVOKER.close();
		CONTROL_PLANE.close();
	}

	@AfterEach
	void releaseHeldCalls() {
		this.release.countDown();
	}

	@Test
	void reservedConcurrencyHoldsAcrossBothGateways() throws Exception {
		INVOKER.reset(Answer.holdUntil(this.release));

		List<CompletableFuture<HttpResponse<String>>> throughFirst = burst(first, "/reserved");
		List<CompletableFuture<HttpResponse<String>>> throughSecond = burst(second, "/reserved");

		assertAdmittedAndThrottled(RESERVED, throughFirst, throughSecond);
		assertThat(running(throughFirst)).hasSize(2);
		assertThat(running(throughSecond)).hasSize(1);
		assertThat(throttled(throughFirst, throughSecond)).allSatisfy(
				(response) -> assertThat(response.body()).contains("reserved concurrency (3, of which gateway"));

		List<CompletableFuture<HttpResponse<String>>> admitted = running(throughFirst, throughSecond);
		this.release.countDown();
		assertThat(admitted).allSatisfy((call) -> assertThat(call.join().statusCode()).isEqualTo(200));
		// The places are free again, at both gateways.
		assertThat(send(first, "/reserved").statusCode()).isEqualTo(200);
		assertThat(send(second, "/reserved").statusCode()).isEqualTo(200);
	}

	@Test
	void namespaceLimitHoldsAcrossBothGatewaysAndLeavesTheReservation() throws Exception {
		INVOKER.reset(Answer.holdUntil(this.release));

		List<CompletableFuture<HttpResponse<String>>> throughFirst = new ArrayList<>(burst(first, "/shared"));
		throughFirst.addAll(burst(first, "/other"));
		List<CompletableFuture<HttpResponse<String>>> throughSecond = new ArrayList<>(burst(second, "/other"));
		throughSecond.addAll(burst(second, "/shared"));

		assertAdmittedAndThrottled(NAMESPACE_LIMIT - RESERVED, throughFirst, throughSecond);
		assertThat(running(throughFirst)).hasSize(2);
		assertThat(running(throughSecond)).hasSize(1);
		assertThat(throttled(throughFirst, throughSecond))
			.allSatisfy((response) -> assertThat(response.body()).contains("unreserved concurrency (3, of which"));

		// The reservation is the reserved function's own, whatever the others run.
		CompletableFuture<HttpResponse<String>> reserved = call(second, "/reserved");
		await().atMost(PATIENCE).until(() -> INVOKER.requests().size() == NAMESPACE_LIMIT - RESERVED + 1);
		List<CompletableFuture<HttpResponse<String>>> admitted = running(throughFirst, throughSecond);
		this.release.countDown();
		assertThat(reserved.join().statusCode()).isEqualTo(200);
		assertThat(admitted).hasSize(NAMESPACE_LIMIT - RESERVED)
			.allSatisfy((call) -> assertThat(call.join().statusCode()).isEqualTo(200));
	}

	@Test
	void indexOutsideTheClusterStopsTheStart() {
		assertThatException()
			.isThrownBy(() -> start("--aloft.gateway.cluster.size=2", "--aloft.gateway.cluster.index=2").close())
			.withStackTraceContaining("aloft.gateway.cluster.index must be from 0 to 1");
	}

	@Test
	void clusterOfNoGatewaysStopsTheStart() {
		assertThatException().isThrownBy(() -> start("--aloft.gateway.cluster.size=0").close())
			.withStackTraceContaining("aloft.gateway.cluster.size must be at least 1");
	}

	/**
	 * Waits until the invoker holds the admitted calls and every other call has come
	 * back, then checks that exactly {@code limit} were admitted and the rest throttled.
	 * The throttled calls come back while the admitted ones are still held: a 429 is
	 * immediate, not a place in a queue.
	 */
	@SafeVarargs
	private static void assertAdmittedAndThrottled(int limit, List<CompletableFuture<HttpResponse<String>>>... calls) {
		int sent = 0;
		for (List<CompletableFuture<HttpResponse<String>>> some : calls) {
			sent += some.size();
		}
		int expectedBack = sent - limit;
		await().atMost(PATIENCE)
			.until(() -> INVOKER.requests().size() == limit && throttled(calls).size() == expectedBack);
		assertThat(INVOKER.requests()).hasSize(limit);
		assertThat(throttled(calls)).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		});
	}

	/** The calls that came back. */
	@SafeVarargs
	private static List<HttpResponse<String>> throttled(List<CompletableFuture<HttpResponse<String>>>... calls) {
		List<HttpResponse<String>> back = new ArrayList<>();
		for (List<CompletableFuture<HttpResponse<String>>> some : calls) {
			some.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).forEach(back::add);
		}
		return back;
	}

	/** The calls still running. */
	@SafeVarargs
	private static List<CompletableFuture<HttpResponse<String>>> running(
			List<CompletableFuture<HttpResponse<String>>>... calls) {
		List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
		for (List<CompletableFuture<HttpResponse<String>>> some : calls) {
			some.stream().filter((call) -> !call.isDone()).forEach(running::add);
		}
		return running;
	}

	private List<CompletableFuture<HttpResponse<String>>> burst(ConfigurableApplicationContext gateway, String path) {
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			calls.add(call(gateway, path));
		}
		return calls;
	}

	private CompletableFuture<HttpResponse<String>> call(ConfigurableApplicationContext gateway, String path) {
		return this.client.sendAsync(request(gateway, path), BodyHandlers.ofString());
	}

	private HttpResponse<String> send(ConfigurableApplicationContext gateway, String path) throws Exception {
		return this.client.send(request(gateway, path), BodyHandlers.ofString());
	}

	private static HttpRequest request(ConfigurableApplicationContext gateway, String path) {
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
	}

	private static ConfigurableApplicationContext start(String... cluster) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--aloft.gateway.control-plane.url=" + CONTROL_PLANE.uri(),
				"--aloft.gateway.control-plane.poll-wait=1s", "--aloft.gateway.control-plane.retry-delay=100ms",
				"--aloft.gateway.invokers.urls=" + INVOKER.uri(), "--aloft.gateway.event-router.url=http://127.0.0.1:9",
				"--aloft.gateway.throttle.namespace-concurrency=" + NAMESPACE_LIMIT));
		args.addAll(List.of(cluster));
		return GatewayApplication.application().run(args.toArray(String[]::new));
	}

	private static FunctionVersionConfig function(String name) {
		return new FunctionVersionConfig("default", name, FunctionVersionConfig.LATEST, "rev-1", "python3.12",
				"app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1234);
	}

	private static RouteConfig route(String function) {
		return new RouteConfig("r-" + function, "default", "GET", "/" + function, function,
				FunctionVersionConfig.LATEST);
	}

}
