package dev.aloft.gateway.route;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.contracts.router.EventRouterApi;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.gateway.fakes.Recorded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS on routes (preflights answered by the gateway, configured headers on responses)
 * and asynchronous routes (the event stored by the event router before the 202, and no
 * 202 when it was not).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CorsAndAsyncRouteIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INVOCATION_ID = "0b3b1e4e-0000-4000-8000-000000000001";

	private static final FunctionUrlConfig.Cors ANY_HTTPS = new FunctionUrlConfig.Cors(false, List.of("*"),
			List.of("*"), List.of("https://*"), List.of(), 0);

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(2,
			List.<ConfigResource>of(
					new FunctionVersionConfig("default", "hello", FunctionVersionConfig.LATEST, "rev-1", "python3.12",
							"app.handler", 128, 3, 512, Map.of(), "0".repeat(64), 1234),
					new RouteConfig("r-cors", "default", "POST", "/items", "hello", FunctionVersionConfig.LATEST,
							new RouteAuth("API_KEY", List.of(sha256("k")), null), ANY_HTTPS, false),
					new RouteConfig("r-plain", "default", "GET", "/items", "hello", FunctionVersionConfig.LATEST),
					new RouteConfig("r-async", "default", "POST", "/jobs/{kind}", "hello", FunctionVersionConfig.LATEST,
							RouteAuth.NONE, null, true)));

	private static final FakeService INVOKER = FakeService.start();

	private static final FakeService EVENT_ROUTER = FakeService.start();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		CONTROL_PLANE.register(registry);
		registry.add("aloft.gateway.invokers.urls", () -> INVOKER.uri().toString());
		registry.add("aloft.gateway.event-router.url", () -> EVENT_ROUTER.uri().toString());
	}

	@AfterAll
	static void stopFakes() {
		INVOKER.close();
		EVENT_ROUTER.close();
		CONTROL_PLANE.close();
	}

	@BeforeEach
	void reset() {
		INVOKER.reset(Answer.success("{\"statusCode\":200,\"headers\":{\"Access-Control-Allow-Origin\":\"https://bad\","
				+ "\"access-control-max-age\":\"9\"},\"body\":\"ok\"}"));
		EVENT_ROUTER.reset(Answer.json(202, "{\"invocationId\":\"" + INVOCATION_ID + "\"}"));
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
	}

	@Test
	void preflightForACorsRouteIsAnsweredWithoutAuthOrFunction() throws Exception {
		HttpResponse<String> response = send(request("/items").header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-api-key,content-type")
			.method("OPTIONS", BodyPublishers.noBody()));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("x-api-key,content-type");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).isEmpty();
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void preflightForAMethodWhoseRouteHasNoCorsGetsNoAllowHeaders() throws Exception {
		HttpResponse<String> response = send(request("/items").header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "GET")
			.method("OPTIONS", BodyPublishers.noBody()));

		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void responsesOfACorsRouteCarryTheConfiguredHeadersOnly() throws Exception {
		HttpResponse<String> refused = send(
				request("/items").header("Origin", "https://app.example.com").POST(BodyPublishers.noBody()));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");

		HttpResponse<String> allowed = send(request("/items").header("Origin", "https://app.example.com")
			.header("x-api-key", "k")
			.POST(BodyPublishers.noBody()));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().allValues("Access-Control-Allow-Origin"))
			.containsExactly("https://app.example.com");
		assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).isEmpty();
		assertThat(allowed.headers().allValues("Vary")).containsExactly("Origin");

		HttpResponse<String> plainRoute = send(request("/items").header("Origin", "https://app.example.com").GET());
		assertThat(plainRoute.statusCode()).isEqualTo(200);
		assertThat(plainRoute.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://bad");
		assertThat(plainRoute.headers().allValues("Vary")).isEmpty();
	}

	@Test
	void originOfAnotherSchemeGetsNoAllowOrigin() throws Exception {
		HttpResponse<String> response = send(request("/items").header("Origin", "http://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", BodyPublishers.noBody()));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(response.headers().allValues("Vary")).contains("Origin");
	}

	@Test
	void asyncRouteAnswers202OnlyAfterTheRouterStoredTheEvent() throws Exception {
		HttpResponse<String> response = send(request("/jobs/report?x=1").header("Content-Type", "application/json")
			.header("Idempotency-Key", "job-17")
			.POST(BodyPublishers.ofString("{\"n\":1}")));

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("invocationId").asString()).isEqualTo(INVOCATION_ID);
		assertThat(body.get("requestId").asString()).isEqualTo(response.headers().firstValue("apigw-requestid").get());
		assertThat(INVOKER.requests()).isEmpty();
		List<Recorded> enqueued = EVENT_ROUTER.requests();
		assertThat(enqueued).hasSize(1);
		Recorded request = enqueued.get(0);
		assertThat(request.path()).isEqualTo("/internal/v1/namespaces/default/functions/hello/async-invocations");
		assertThat(request.query()).isEqualTo("qualifier=$LATEST");
		assertThat(request.header(EventRouterApi.SOURCE)).isEqualTo("route");
		assertThat(request.header(EventRouterApi.IDEMPOTENCY_KEY)).isEqualTo("route:job-17");
		assertThat(request.header("Authorization")).startsWith("Bearer ");
		JsonNode event = JSON.readTree(request.body());
		assertThat(event.get("version").asString()).isEqualTo("2.0");
		assertThat(event.get("routeKey").asString()).isEqualTo("POST /jobs/{kind}");
		assertThat(event.get("pathParameters").get("kind").asString()).isEqualTo("report");
		assertThat(event.get("body").asString()).isEqualTo("{\"n\":1}");
		assertThat(event.get("requestContext").get("requestId").asString()).isEqualTo(body.get("requestId").asString());
	}

	@Test
	void asyncRouteClaimsNothingWhenTheRouterRefusesOrIsDown() throws Exception {
		EVENT_ROUTER.reset(Answer.json(503, "{\"title\":\"behind\"}"));
		assertProblem(send(request("/jobs/a").POST(BodyPublishers.ofString("{}"))), 503, "EVENT_NOT_ACCEPTED");

		EVENT_ROUTER.reset(Answer.hangUp());
		assertProblem(send(request("/jobs/a").POST(BodyPublishers.ofString("{}"))), 503, "EVENT_NOT_ACCEPTED");

		EVENT_ROUTER.reset(Answer.json(404, "{}"));
		assertProblem(send(request("/jobs/a").POST(BodyPublishers.ofString("{}"))), 502, "FUNCTION_NOT_FOUND");
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void asyncEventOverOneMebibyteIsA413BeforeTheRouter() throws Exception {
		HttpResponse<String> response = send(request("/jobs/big").header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(new byte[EventRouterApi.MAX_PAYLOAD_BYTES])));

		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(EVENT_ROUTER.requests()).isEmpty();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

}
