package dev.aloft.gateway.route;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.gateway.GatewayApplication;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.gateway.fakes.Recorded;
import dev.aloft.gateway.invoke.InvokerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway end to end against a fake control plane (the configuration feed) and two
 * fake invokers: routing, the payload-2.0 event on the wire, the response mapping, the
 * problems for every failure, and placement that never runs a started invocation twice.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpRouteIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INVOKE_PATH = "/internal/v1/namespaces/default/functions/hello/versions/$LATEST/invocations";

	private static final String HELLO_ARN = "arn:aws:lambda:us-east-1:000000000000:function:hello";

	private static final FunctionVersionConfig HELLO = new FunctionVersionConfig("default", "hello",
			FunctionVersionConfig.LATEST, "rev-1", "python3.12", "app.handler", 128, 3, 512, Map.of(), "0".repeat(64),
			1234);

	private static final FunctionVersionConfig SLOW = new FunctionVersionConfig("default", "slow",
			FunctionVersionConfig.LATEST, "rev-1", "python3.12", "app.handler", 128, 1, 512, Map.of(), "0".repeat(64),
			1234);

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(7,
			List.<ConfigResource>of(HELLO, SLOW, route("r-hello", "GET", "/hello/{name}", "hello"),
					route("r-echo", "ANY", "/echo/{proxy+}", "hello"), route("r-orphan", "GET", "/orphan", "ghost"),
					route("r-slow", "GET", "/slow", "slow"), route("r-error", "GET", "/error", "hello")));

	private static final FakeService FIRST = FakeService.start();

	private static final FakeService SECOND = FakeService.start();

	private static final String STRUCTURED = """
			{"statusCode":201,
			 "headers":{"Content-Type":"text/plain","X-Custom":"yes"},
			 "cookies":["a=1; Path=/","b=2; HttpOnly"],
			 "body":"created",
			 "isBase64Encoded":false}
			""";

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Autowired
	private InvokerClient invokers;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		CONTROL_PLANE.register(registry);
		registry.add("aloft.gateway.invokers.urls", () -> FIRST.uri() + "," + SECOND.uri());
		// Not used here: routes in this test are synchronous.
		registry.add("aloft.gateway.event-router.url", () -> "http://127.0.0.1:9");
		// Wait for a result no longer than the function's own timeout plus a little.
		registry.add("aloft.gateway.invokers.timeout-margin", () -> "200ms");
		// Tests that fail invokers hand them back quickly to the next test.
		registry.add("aloft.gateway.invokers.health.backoff", () -> "50ms");
		registry.add("aloft.gateway.invokers.health.max-backoff", () -> "100ms");
		registry.add("aloft.gateway.invokers.health.probe-interval", () -> "20ms");
	}

	@AfterAll
	static void stopFakes() {
		FIRST.close();
		SECOND.close();
		CONTROL_PLANE.close();
	}

	@BeforeEach
	void reset() {
		Answer answer = Answer.success(STRUCTURED);
		FIRST.reset(answer);
		SECOND.reset(answer);
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
		// An earlier test may have left an invoker set aside: start with both placed.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.invokers.healthyInvokers().size() == 2);
	}

	@Test
	void routedRequestReachesTheInvokerAsAPayload2Event() throws Exception {
		HttpResponse<String> response = send(request("/hello/world?a=1&a=2").header("X-Mixed-Case", "Value")
			.header("Cookie", "session=abc; theme=dark")
			.GET());

		Recorded invocation = onlyInvocation();
		assertThat(invocation.method()).isEqualTo("POST");
		assertThat(invocation.path()).isEqualTo(INVOKE_PATH);
		assertThat(invocation.header("Content-Type")).isEqualTo("application/json");
		assertThat(invocation.header(InvokerApi.REQUEST_ID))
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(invocation.header(InvokerApi.INVOKED_FUNCTION_ARN)).isEqualTo(HELLO_ARN);
		assertThat(invocation.header(InvokerApi.CONFIG_REVISION)).isEqualTo(Long.toString(CONTROL_PLANE.revision()));
		assertThat(invocation.header(InvokerApi.TRIGGER)).isEqualTo("http");

		JsonNode event = JSON.readTree(invocation.body());
		assertThat(event.get("version").asString()).isEqualTo("2.0");
		assertThat(event.get("routeKey").asString()).isEqualTo("GET /hello/{name}");
		assertThat(event.get("rawPath").asString()).isEqualTo("/hello/world");
		assertThat(event.get("rawQueryString").asString()).isEqualTo("a=1&a=2");
		assertThat(event.get("queryStringParameters").get("a").asString()).isEqualTo("1,2");
		assertThat(event.get("pathParameters").get("name").asString()).isEqualTo("world");
		assertThat(strings(event.get("cookies"))).containsExactly("session=abc", "theme=dark");
		JsonNode headers = event.get("headers");
		assertThat(headers.get("x-mixed-case").asString()).isEqualTo("Value");
		assertThat(headers.has("cookie")).isFalse();
		headers.propertyNames().forEach((name) -> assertThat(name).isLowerCase());
		assertThat(event.has("body")).isFalse();
		assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
		JsonNode context = event.get("requestContext");
		assertThat(context.get("requestId").asString()).isEqualTo(invocation.header(InvokerApi.REQUEST_ID));
		assertThat(context.get("routeKey").asString()).isEqualTo("GET /hello/{name}");
		assertThat(context.get("stage").asString()).isEqualTo("$default");
		assertThat(context.get("accountId").asString()).isEqualTo("000000000000");
		assertThat(context.get("domainName").asString()).isEqualTo("127.0.0.1");
		assertThat(context.get("http").get("method").asString()).isEqualTo("GET");
		assertThat(context.get("http").get("path").asString()).isEqualTo("/hello/world");
		assertThat(context.get("http").get("protocol").asString()).isEqualTo("HTTP/1.1");
		assertThat(context.get("http").get("sourceIp").asString()).isEqualTo("127.0.0.1");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(response.headers().firstValue("X-Custom")).hasValue("yes");
		assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
		assertThat(response.body()).isEqualTo("created");
		assertThat(response.headers().firstValue("apigw-requestid")).hasValue(invocation.header(InvokerApi.REQUEST_ID));
	}

	@Test
	void requestIdIsTheSameInTheResponseTheInvocationAndTheEvent() throws Exception {
		HttpResponse<String> response = send(request("/hello/there").GET());

		Recorded invocation = onlyInvocation();
		String requestId = response.headers().firstValue("apigw-requestid").orElseThrow();
		assertThat(invocation.header(InvokerApi.REQUEST_ID)).isEqualTo(requestId);
		assertThat(JSON.readTree(invocation.body()).get("requestContext").get("requestId").asString())
			.isEqualTo(requestId);
	}

	@Test
	void pathParametersArriveDecoded() throws Exception {
		send(request("/hello/John%20Doe").GET());

		JsonNode event = JSON.readTree(onlyInvocation().body());
		assertThat(event.get("rawPath").asString()).isEqualTo("/hello/John%20Doe");
		assertThat(event.get("pathParameters").get("name").asString()).isEqualTo("John Doe");
	}

	@Test
	void jsonBodyArrivesAsTextAndBinaryAsBase64() throws Exception {
		send(request("/echo/some/path").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"greeting\":\"hi\"}")));
		byte[] binary = { (byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff };
		send(request("/echo/image").header("Content-Type", "image/png").PUT(BodyPublishers.ofByteArray(binary)));

		JsonNode json = eventFor("POST");
		JsonNode image = eventFor("PUT");
		assertThat(json.get("routeKey").asString()).isEqualTo("ANY /echo/{proxy+}");
		assertThat(json.get("pathParameters").get("proxy").asString()).isEqualTo("some/path");
		assertThat(json.get("body").asString()).isEqualTo("{\"greeting\":\"hi\"}");
		assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
		assertThat(image.get("pathParameters").get("proxy").asString()).isEqualTo("image");
		assertThat(image.get("isBase64Encoded").asBoolean()).isTrue();
		assertThat(Base64.getDecoder().decode(image.get("body").asString())).isEqualTo(binary);
	}

	@Test
	void eventLeavesEmptyOptionalFieldsOut() throws Exception {
		send(request("/echo/plain").GET());

		JsonNode event = JSON.readTree(onlyInvocation().body());
		assertThat(event.get("rawQueryString").isString()).isTrue();
		assertThat(event.get("rawQueryString").asString()).isEmpty();
		assertThat(event.has("queryStringParameters")).isFalse();
		assertThat(event.has("cookies")).isFalse();
		assertThat(event.has("body")).isFalse();
		assertThat(event.has("stageVariables")).isFalse();
		assertThat(event.get("isBase64Encoded").isBoolean()).isTrue();
		assertThat(event.get("requestContext").get("timeEpoch").isIntegralNumber()).isTrue();
		assertThat(event.get("requestContext").get("time").asString())
			.matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
	}

	@ParameterizedTest
	@CsvSource({ "POST", "PUT", "PATCH", "DELETE" })
	void formEncodedBodyArrivesVerbatim(String method) throws Exception {
		String form = "a=1&b=two+words&c=%26";

		HttpResponse<String> response = send(
				request("/echo/form").header("Content-Type", "application/x-www-form-urlencoded")
					.method(method, BodyPublishers.ofString(form)));

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode event = JSON.readTree(onlyInvocation().body());
		assertThat(event.get("requestContext").get("http").get("method").asString()).isEqualTo(method);
		assertThat(event.has("body")).as("event carries the body").isTrue();
		assertThat(event.get("body").asString()).isEqualTo(form);
		assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
	}

	@Test
	void multipartBodyArrivesVerbatim() throws Exception {
		String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n";

		HttpResponse<String> response = send(
				request("/echo/upload").header("Content-Type", "multipart/form-data; boundary=XyZ")
					.POST(BodyPublishers.ofString(multipart)));

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode event = JSON.readTree(onlyInvocation().body());
		assertThat(event.has("body")).as("event carries the body").isTrue();
		byte[] body = event.get("isBase64Encoded").asBoolean()
				? Base64.getDecoder().decode(event.get("body").asString())
				: event.get("body").asString().getBytes(StandardCharsets.UTF_8);
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(multipart);
	}

	@Test
	void optionsRequestReachesAnAnyRoute() throws Exception {
		HttpResponse<String> response = send(request("/echo/preflight").method("OPTIONS", BodyPublishers.noBody()));

		assertThat(invocations())
			.as("invocations (the gateway answered %s %s %s)", response.statusCode(), response.headers().map(),
					response.body())
			.hasSize(1);
		JsonNode event = JSON.readTree(onlyInvocation().body());
		assertThat(event.get("requestContext").get("http").get("method").asString()).isEqualTo("OPTIONS");
		assertThat(event.get("routeKey").asString()).isEqualTo("ANY /echo/{proxy+}");
		assertThat(response.statusCode()).isEqualTo(201);
	}

	@Test
	void everyPathCanBeARoute() throws Exception {
		HttpResponse<String> response = send(request("/error").GET());

		assertThat(invocations())
			.as("invocations (the gateway answered %s %s %s)", response.statusCode(), response.headers().map(),
					response.body())
			.hasSize(1);
		assertThat(JSON.readTree(onlyInvocation().body()).get("routeKey").asString()).isEqualTo("GET /error");
		assertThat(response.statusCode()).isEqualTo(201);
	}

	@Test
	void jsonOutputWithoutStatusCodeIsA200JsonResponseVerbatim() throws Exception {
		answerEverywhere(Answer.success("\"Hello, world!\""));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(15);
		assertThat(response.body()).isEqualTo("\"Hello, world!\"");
	}

	@Test
	void binaryStructuredResponseIsDecoded() throws Exception {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff };
		answerEverywhere(Answer.success("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},\"body\":\""
				+ Base64.getEncoder().encodeToString(png) + "\",\"isBase64Encoded\":true}"));

		HttpResponse<byte[]> response = this.client.send(request("/hello/world").GET().build(),
				BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(response.body()).isEqualTo(png);
	}

	@Test
	void functionErrorIsA502() throws Exception {
		answerEverywhere(Answer.ran("FUNCTION_ERROR", "Exception",
				"{\"errorMessage\":\"boom\",\"errorType\":\"Exception\",\"stackTrace\":[]}"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		JsonNode problem = assertProblem(response, 502, "FUNCTION_ERROR");
		assertThat(problem.get("retryable").asBoolean()).isFalse();
		assertThat(response.body()).doesNotContain("boom");
		assertThat(response.headers().firstValue("apigw-requestid"))
			.hasValue(onlyInvocation().header(InvokerApi.REQUEST_ID));
	}

	@Test
	void functionTimeoutIsA504() throws Exception {
		answerEverywhere(Answer.ran("FUNCTION_FAILURE", "Sandbox.Timedout",
				"{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"Task timed out after 3.00 seconds\"}"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 504, "FUNCTION_TIMEOUT");
	}

	@Test
	void functionCrashIsA502() throws Exception {
		answerEverywhere(Answer.ran("FUNCTION_FAILURE", "Runtime.ExitError",
				"{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"exit status 1\"}"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 502, "FUNCTION_ERROR");
	}

	@Test
	void malformedOutputIsA502() throws Exception {
		answerEverywhere(Answer.success("this is not json"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 502, "MALFORMED_FUNCTION_RESPONSE");
	}

	@Test
	void invalidStatusCodeIsA502() throws Exception {
		answerEverywhere(Answer.success("{\"statusCode\":\"teapot\",\"body\":\"x\"}"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 502, "MALFORMED_FUNCTION_RESPONSE");
	}

	@Test
	void outputWithTrailingGarbageIsA502() throws Exception {
		answerEverywhere(Answer.success("{\"statusCode\":200,\"body\":\"ok\"} trailing"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 502, "MALFORMED_FUNCTION_RESPONSE");
	}

	@Test
	void invokerSilentPastTheFunctionTimeoutIsA504() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		answerEverywhere(Answer.holdUntil(release));
		try {
			HttpResponse<String> response = send(request("/slow").GET());

			assertProblem(response, 504, "FUNCTION_TIMEOUT");
			assertThat(invocations()).hasSize(1);
		}
		finally {
			release.countDown();
		}
	}

	@ParameterizedTest
	@CsvSource({ "429", "503" })
	void noCapacityOnEveryInvokerIsA503WithRetryAfter(int invokerStatus) throws Exception {
		answerEverywhere(Answer.problem(invokerStatus));

		HttpResponse<String> response = send(request("/hello/world").GET());

		JsonNode problem = assertProblem(response, 503, "NO_CAPACITY");
		assertThat(problem.get("retryable").asBoolean()).isTrue();
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		// The function did not start on either, so both were tried with the same request.
		assertThat(FIRST.requests()).hasSize(1);
		assertThat(SECOND.requests()).hasSize(1);
		assertThat(FIRST.requests().get(0).header(InvokerApi.REQUEST_ID))
			.isEqualTo(SECOND.requests().get(0).header(InvokerApi.REQUEST_ID));
	}

	@Test
	void unknownFunctionOnTheInvokerIsA503() throws Exception {
		answerEverywhere(Answer.problem(404));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 503, "NO_CAPACITY");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
	}

	@Test
	void eventTooLargeForTheInvokerIsA413() throws Exception {
		answerEverywhere(Answer.problem(413));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void anEnvironmentThatCannotStartIsA502WithoutTheInvokersReason() throws Exception {
		answerEverywhere(
				Answer.json(502, "{\"status\":502,\"detail\":\"The image registry.internal/x:1 is missing\"}"));

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 502, "ENVIRONMENT_NOT_STARTED");
		assertThat(response.body()).doesNotContain("registry.internal");
	}

	@Test
	void invocationTurnedAwayByOneInvokerRunsOnTheOther() throws Exception {
		FIRST.answer(Answer.problem(429));

		// Placement is round-robin: one of two requests in a row tries the first invoker
		// first.
		HttpResponse<String> one = send(request("/hello/one").GET());
		HttpResponse<String> two = send(request("/hello/two").GET());

		assertThat(one.statusCode()).isEqualTo(201);
		assertThat(two.statusCode()).isEqualTo(201);
		assertThat(FIRST.requests()).hasSize(1);
		assertThat(SECOND.requests()).hasSize(2);
		assertThat(SECOND.requests()).extracting((request) -> request.header(InvokerApi.REQUEST_ID))
			.contains(FIRST.requests().get(0).header(InvokerApi.REQUEST_ID));
	}

	@Test
	void invocationLostMidResponseIsNotRunAgainElsewhere() throws Exception {
		FIRST.answer(Answer.hangUp());

		// Placement is round-robin: one of two requests in a row tries the first invoker
		// first.
		HttpResponse<String> one = send(request("/hello/one").GET());
		HttpResponse<String> two = send(request("/hello/two").GET());

		assertThat(List.of(one.statusCode(), two.statusCode())).containsExactlyInAnyOrder(201, 502);
		HttpResponse<String> lost = (one.statusCode() == 502) ? one : two;
		assertProblem(lost, 502, "INVOKER_LOST");
		assertThat(FIRST.requests()).hasSize(1);
		assertThat(SECOND.requests()).hasSize(1);
		assertThat(SECOND.requests().get(0).header(InvokerApi.REQUEST_ID))
			.isNotEqualTo(FIRST.requests().get(0).header(InvokerApi.REQUEST_ID));
	}

	@Test
	void invocationLostEverywhereIsTriedOnce() throws Exception {
		answerEverywhere(Answer.hangUp());

		HttpResponse<String> response = send(request("/hello/world").GET());

		assertProblem(response, 502, "INVOKER_LOST");
		assertThat(invocations()).hasSize(1);
	}

	@Test
	void invokersAndTheirHealthAreGauges() throws Exception {
		HttpResponse<String> response = send(request("/actuator/prometheus").GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().lines())
			.anySatisfy((line) -> assertThat(line).startsWith("aloft_invokers{").endsWith(" 2.0"))
			.anySatisfy((line) -> assertThat(line).startsWith("aloft_invokers_healthy{").endsWith(" 2.0"));
	}

	@Test
	void unreachableInvokerIsA503() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext gateway = GatewayApplication.application()
			.run("--server.port=0", "--aloft.gateway.control-plane.url=" + CONTROL_PLANE.uri(),
					"--aloft.gateway.control-plane.poll-wait=1s",
					"--aloft.gateway.invokers.urls=http://127.0.0.1:" + closedPort,
					"--aloft.gateway.event-router.url=http://127.0.0.1:" + closedPort)) {
			int gatewayPort = ((WebServerApplicationContext) gateway).getWebServer().getPort();
			URI uri = URI.create("http://127.0.0.1:" + gatewayPort + "/hello/world");

			HttpResponse<String> response = await().atMost(Duration.ofSeconds(20))
				.until(() -> send(HttpRequest.newBuilder(uri).GET()), (answer) -> answer.statusCode() != 404);

			assertProblem(response, 503, "NO_CAPACITY");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		}
	}

	@Test
	void bodyOverSixMebibytesIsA413() throws Exception {
		byte[] body = new byte[HttpRouteController.MAX_PAYLOAD_BYTES + 1];

		HttpResponse<String> response = send(request("/echo/upload").header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(body)));

		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(invocations()).isEmpty();
	}

	@Test
	void unknownPathIsA404() throws Exception {
		HttpResponse<String> response = send(request("/nowhere/at/all").GET());

		assertProblem(response, 404, "ROUTE_NOT_FOUND");
		assertThat(invocations()).isEmpty();
	}

	@Test
	void knownPathWithAnotherMethodIsA404() throws Exception {
		HttpResponse<String> response = send(request("/hello/world").DELETE());

		assertProblem(response, 404, "ROUTE_NOT_FOUND");
		assertThat(invocations()).isEmpty();
	}

	@Test
	void routeToAMissingFunctionIsA502() throws Exception {
		HttpResponse<String> response = send(request("/orphan").GET());

		assertProblem(response, 502, "FUNCTION_NOT_FOUND");
		assertThat(invocations()).isEmpty();
	}

	@Test
	void publishedRouteGoesLiveAndDeletedRouteGoesAwayWithoutRestart() throws Exception {
		assertProblem(send(request("/live/1").GET()), 404, "ROUTE_NOT_FOUND");

		CONTROL_PLANE.publish(route("r-live", "GET", "/live/{id}", "hello"));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(send(request("/live/1").GET()).statusCode()).isEqualTo(201));
		JsonNode event = JSON.readTree(invocations().get(invocations().size() - 1).body());
		assertThat(event.get("routeKey").asString()).isEqualTo("GET /live/{id}");
		assertThat(event.get("pathParameters").get("id").asString()).isEqualTo("1");

		CONTROL_PLANE.delete(ResourceKind.ROUTE, "r-live");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(send(request("/live/1").GET()).statusCode()).isEqualTo(404));
	}

	private static RouteConfig route(String id, String method, String path, String functionName) {
		return new RouteConfig(id, "default", method, path, functionName, FunctionVersionConfig.LATEST);
	}

	private void answerEverywhere(Answer answer) {
		FIRST.answer(answer);
		SECOND.answer(answer);
	}

	private static List<Recorded> invocations() {
		List<Recorded> all = new ArrayList<>(FIRST.requests());
		all.addAll(SECOND.requests());
		return all;
	}

	private static JsonNode eventFor(String method) {
		List<JsonNode> events = invocations().stream()
			.map((invocation) -> JSON.readTree(invocation.body()))
			.filter((event) -> event.get("requestContext").get("http").get("method").asString().equals(method))
			.toList();
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private static Recorded onlyInvocation() {
		List<Recorded> all = invocations();
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
				BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("type").asString()).startsWith("https://docs.aloft.dev/problems/");
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
