package dev.aloft.gateway.route;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The namespace's concurrency limit and a reservation of 0, on routes: past the limit a
 * request is a 429 with {@code Retry-After} and never reaches an invoker; a finished
 * invocation frees its place.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ThrottleIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(2, List.<ConfigResource>of(
			function("hello"), function("stopped"), new FunctionConcurrencyConfig("default", "stopped", 0),
			new RouteConfig("r-hold", "default", "GET", "/hold", "hello", FunctionVersionConfig.LATEST),
			new RouteConfig("r-stopped", "default", "GET", "/stopped", "stopped", FunctionVersionConfig.LATEST)));

	private static final FakeService INVOKER = FakeService.start();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		CONTROL_PLANE.register(registry);
		registry.add("aloft.gateway.invokers.urls", () -> INVOKER.uri().toString());
		registry.add("aloft.gateway.event-router.url", () -> "http://127.0.0.1:9");
		registry.add("aloft.gateway.throttle.namespace-concurrency", () -> "2");
	}

	@AfterAll
	static void stopFakes() {
		INVOKER.close();
		CONTROL_PLANE.close();
	}

	@BeforeEach
	void reset() {
		INVOKER.reset(Answer.success("{\"statusCode\":200,\"body\":\"ok\"}"));
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
	}

	@Test
	void requestPastTheNamespaceLimitIsA429UntilAPlaceIsFree() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		INVOKER.reset(Answer.holdUntil(release));
		CompletableFuture<HttpResponse<String>> first = this.client.sendAsync(get("/hold"), BodyHandlers.ofString());
		CompletableFuture<HttpResponse<String>> second = this.client.sendAsync(get("/hold"), BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(20)).until(() -> INVOKER.requests().size() == 2);

		HttpResponse<String> throttled = send(get("/hold"));

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(JSON.readTree(throttled.body()).get("code").asString()).isEqualTo("THROTTLED");
		assertThat(INVOKER.requests()).hasSize(2);

		release.countDown();
		assertThat(first.join().statusCode()).isEqualTo(200);
		assertThat(second.join().statusCode()).isEqualTo(200);
		assertThat(send(get("/hold")).statusCode()).isEqualTo(200);
	}

	@Test
	void functionWithReservedConcurrencyZeroIsAlwaysThrottled() throws Exception {
		HttpResponse<String> response = send(get("/stopped"));

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(INVOKER.requests()).isEmpty();
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, BodyHandlers.ofString());
	}

	private static FunctionVersionConfig function(String name) {
		return new FunctionVersionConfig("default", name, FunctionVersionConfig.LATEST, "rev-1", "python3.12",
				"app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1234);
	}

}
