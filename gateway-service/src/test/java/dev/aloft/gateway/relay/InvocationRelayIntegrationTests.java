package dev.aloft.gateway.relay;

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
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.gateway.fakes.Recorded;
import dev.aloft.secrets.MasterKey;
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
 * The relay the event router invokes through: it needs the internal token, passes the
 * invoker's answer back as the invoker gave it, and makes a reserved concurrency hold for
 * a function's synchronous and relayed invocations together.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InvocationRelayIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MasterKey MASTER_KEY = MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY"));

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(2,
			List.<ConfigResource>of(function("single"), new FunctionConcurrencyConfig("default", "single", 1),
					new RouteConfig("r-single", "default", "GET", "/single", "single", FunctionVersionConfig.LATEST)));

	private static final FakeService INVOKER = FakeService.start();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		CONTROL_PLANE.register(registry);
		registry.add("aloft.gateway.invokers.urls", () -> INVOKER.uri().toString());
		registry.add("aloft.gateway.event-router.url", () -> "http://127.0.0.1:9");
	}

	@AfterAll
	static void stopFakes() {
		INVOKER.close();
		CONTROL_PLANE.close();
	}

	@BeforeEach
	void reset() {
		INVOKER.reset(Answer.success("{\"ok\":true}"));
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
	}

	@Test
	void relayWithoutTheInternalTokenIsRefusedAndRunsNothing() throws Exception {
		HttpResponse<String> missing = send(relay("single", null));
		HttpResponse<String> wrong = send(relay("single", "Bearer not-the-token"));

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(missing.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void relayedInvocationRunsOnAnInvokerAndComesBackAsTheInvokerAnswered() throws Exception {
		INVOKER.reset(Answer.ran("FUNCTION_ERROR", "Runtime.ExitError", "{\"errorType\":\"Runtime.ExitError\"}"));

		HttpResponse<String> response = send(relay("single", internalToken()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue(InvokerApi.OUTCOME)).hasValue("FUNCTION_ERROR");
		assertThat(response.headers().firstValue(InvokerApi.FUNCTION_ERROR)).hasValue(InvokerApi.UNHANDLED);
		assertThat(response.headers().firstValue(InvokerApi.ERROR_TYPE)).hasValue("Runtime.ExitError");
		assertThat(response.headers().firstValue(InvokerApi.EXECUTED_VERSION)).hasValue("$LATEST");
		assertThat(response.body()).isEqualTo("{\"errorType\":\"Runtime.ExitError\"}");
		Recorded relayed = INVOKER.requests().getFirst();
		assertThat(relayed.path())
			.isEqualTo("/internal/v1/namespaces/default/functions/single/versions/$LATEST/invocations");
		assertThat(relayed.header(InvokerApi.REQUEST_ID)).isEqualTo("req-1");
		assertThat(relayed.header(InvokerApi.TRIGGER)).isEqualTo("sqs");
		assertThat(relayed.header(InvokerApi.INVOKED_FUNCTION_ARN))
			.isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:single");
		assertThat(relayed.bodyText()).isEqualTo("{\"Records\":[]}");
	}

	@Test
	void reservationHoldsForSynchronousAndRelayedInvocationsTogether() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		INVOKER.reset(Answer.holdUntil(release));
		CompletableFuture<HttpResponse<String>> synchronous = this.client.sendAsync(get("/single"),
				BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(20)).until(() -> INVOKER.requests().size() == 1);

		HttpResponse<String> throttled = send(relay("single", internalToken()));

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(JSON.readTree(throttled.body()).get("code").asString()).isEqualTo("THROTTLED");
		assertThat(INVOKER.requests()).hasSize(1);

		release.countDown();
		assertThat(synchronous.join().statusCode()).isEqualTo(200);
		CountDownLatch releaseRelayed = new CountDownLatch(1);
		INVOKER.reset(Answer.holdUntil(releaseRelayed));
		CompletableFuture<HttpResponse<String>> relayed = this.client.sendAsync(relay("single", internalToken()),
				BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(20)).until(() -> INVOKER.requests().size() == 1);

		assertThat(send(get("/single")).statusCode()).isEqualTo(429);

		releaseRelayed.countDown();
		assertThat(relayed.join().statusCode()).isEqualTo(200);
	}

	@Test
	void unknownVersionIsA404AndRunsNothing() throws Exception {
		HttpResponse<String> response = send(relay("missing", internalToken()));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("FUNCTION_VERSION_NOT_FOUND");
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void invokerLostMidInvocationIsA502NotANoCapacityToRetryElsewhere() throws Exception {
		INVOKER.reset(Answer.hangUp());

		HttpResponse<String> response = send(relay("single", internalToken()));

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("INVOKER_LOST");
	}

	private HttpRequest relay(String function, String authorization) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/internal/v1/namespaces/default/functions/"
					+ function + "/versions/%24LATEST/invocations"))
			.header("Content-Type", "application/json")
			.header(InvokerApi.REQUEST_ID, "req-1")
			.header(InvokerApi.CONFIG_REVISION, Long.toString(CONTROL_PLANE.revision()))
			.header(InvokerApi.INVOKED_FUNCTION_ARN, "arn:aws:lambda:us-east-1:000000000000:function:" + function)
			.header(InvokerApi.TRIGGER, "sqs")
			.POST(HttpRequest.BodyPublishers.ofString("{\"Records\":[]}"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request.build();
	}

	private static String internalToken() {
		return "Bearer " + MASTER_KEY.internalToken();
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
