package dev.aloft.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.gateway.fakes.Recorded;
import dev.aloft.gateway.fakes.Signer;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
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
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Function URLs end to end: served at {@code /urls/<url id>/...} (the address the control
 * plane hands out) and at the host {@code <url id>.lambda-url.<region>.<domain>}, with
 * the event function URLs send, the alias as qualifier, AWS_IAM signatures for
 * {@code lambda}, and CORS.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FunctionUrlIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MasterKey MASTER_KEY = MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY"));

	private static final String OPEN_ID = "a".repeat(32);

	private static final String IAM_ID = "b1".repeat(16);

	private static final String STREAM_ID = "c1".repeat(16);

	private static final String TEAM_KEY = "AKIAURLTEAMINVOKER01";

	private static final String OTHER_KEY = "AKIAURLOTHERINVOKER1";

	private static final String SECRET = "urlSecret000000000000000000000000000000";

	private static final FunctionUrlConfig.Cors CORS = new FunctionUrlConfig.Cors(true, List.of("content-type"),
			List.of("GET", "POST"), List.of("https://app.example.com"), List.of("x-total"), 300);

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(3,
			List.<ConfigResource>of(new NamespaceConfig("team", "222222222222"),
					function("team", "web", FunctionVersionConfig.LATEST), function("team", "web", "2"),
					new AliasConfig("team", "web", "live", "2", null, 0, "rev-a"),
					new FunctionUrlConfig("team", "web", "live", OPEN_ID, "NONE", CORS, "BUFFERED"),
					new FunctionUrlConfig("team", "web", FunctionVersionConfig.LATEST, IAM_ID, "AWS_IAM", null,
							"BUFFERED"),
					new FunctionUrlConfig("team", "web", "2", STREAM_ID, "NONE", null, "RESPONSE_STREAM"),
					accessKey(TEAM_KEY, Map.of("team", "INVOKER")), accessKey(OTHER_KEY, Map.of("default", "ADMIN"))));

	private static final FakeService INVOKER = FakeService.start();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		CONTROL_PLANE.register(registry);
		registry.add("aloft.gateway.invokers.urls", () -> INVOKER.uri().toString());
		registry.add("aloft.gateway.event-router.url", () -> "http://127.0.0.1:9");
		registry.add("aloft.gateway.function-urls.domain", () -> "aloft.test");
	}

	@AfterAll
	static void stopFakes() {
		INVOKER.close();
		CONTROL_PLANE.close();
	}

	@BeforeEach
	void reset() {
		INVOKER.reset(Answer.success("{\"statusCode\":201,\"headers\":{\"Access-Control-Allow-Origin\":\"*\","
				+ "\"Content-Type\":\"text/plain\"},\"body\":\"made\"}"));
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
	}

	@Test
	void urlByPathSendsTheFunctionUrlEventToTheAlias() throws Exception {
		HttpResponse<String> response = send(
				request("/urls/" + OPEN_ID + "/my/path?x=1&x=2").header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("{\"hi\":true}")));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("made");
		Recorded invocation = onlyInvocation();
		assertThat(invocation.path()).isEqualTo("/internal/v1/namespaces/team/functions/web/versions/2/invocations");
		assertThat(invocation.header(InvokerApi.INVOKED_FUNCTION_ARN))
			.isEqualTo("arn:aws:lambda:us-east-1:222222222222:function:web:live");
		assertThat(invocation.header(InvokerApi.TRIGGER)).isEqualTo("function-url");
		assertThat(response.headers().firstValue("x-amzn-RequestId"))
			.hasValue(invocation.header(InvokerApi.REQUEST_ID));
		JsonNode event = JSON.readTree(invocation.body());
		assertThat(event.get("version").asString()).isEqualTo("2.0");
		assertThat(event.get("routeKey").asString()).isEqualTo("$default");
		assertThat(event.get("rawPath").asString()).isEqualTo("/my/path");
		assertThat(event.get("rawQueryString").asString()).isEqualTo("x=1&x=2");
		assertThat(event.get("queryStringParameters").get("x").asString()).isEqualTo("1,2");
		assertThat(event.has("pathParameters")).isFalse();
		assertThat(event.get("body").asString()).isEqualTo("{\"hi\":true}");
		JsonNode context = event.get("requestContext");
		assertThat(context.get("apiId").asString()).isEqualTo(OPEN_ID);
		assertThat(context.get("accountId").asString()).isEqualTo("222222222222");
		assertThat(context.get("domainName").asString()).isEqualTo(OPEN_ID + ".lambda-url.us-east-1.aloft.test");
		assertThat(context.get("domainPrefix").asString()).isEqualTo(OPEN_ID);
		assertThat(context.get("routeKey").asString()).isEqualTo("$default");
		assertThat(context.get("stage").asString()).isEqualTo("$default");
		assertThat(context.get("http").get("path").asString()).isEqualTo("/my/path");
		assertThat(context.get("http").get("method").asString()).isEqualTo("POST");
		assertThat(context.has("authorizer")).isFalse();
	}

	@Test
	void urlRootByPathIsSlash() throws Exception {
		send(request("/urls/" + OPEN_ID).GET());
		send(request("/urls/" + OPEN_ID + "/").GET());

		assertThat(INVOKER.requests()).hasSize(2)
			.allSatisfy((invocation) -> assertThat(JSON.readTree(invocation.body()).get("rawPath").asString())
				.isEqualTo("/"));
	}

	@Test
	void urlByHostKeepsTheWholePath() throws Exception {
		String host = OPEN_ID + ".lambda-url.us-east-1.aloft.test";

		String response = rawGet(host + ":" + this.port, "/my/path?q=1");

		assertThat(response).startsWith("HTTP/1.1 201");
		JsonNode event = JSON.readTree(onlyInvocation().body());
		assertThat(event.get("rawPath").asString()).isEqualTo("/my/path");
		assertThat(event.get("requestContext").get("domainName").asString()).isEqualTo(host);
		assertThat(event.get("requestContext").get("domainPrefix").asString()).isEqualTo(OPEN_ID);
		assertThat(event.get("headers").get("host").asString()).isEqualTo(host + ":" + this.port);
	}

	@Test
	void urlByHostOwnsEveryPathEvenTheLambdaApis() throws Exception {
		String host = OPEN_ID + ".lambda-url.us-east-1.aloft.test";

		String response = rawGet(host, "/2015-03-31/functions/web/invocations");

		assertThat(response).startsWith("HTTP/1.1 201");
		assertThat(JSON.readTree(onlyInvocation().body()).get("rawPath").asString())
			.isEqualTo("/2015-03-31/functions/web/invocations");
	}

	@Test
	void unknownUrlIdIsA404() throws Exception {
		assertThat(send(request("/urls/" + "c".repeat(32) + "/x").GET()).statusCode()).isEqualTo(404);
		assertThat(rawGet("d".repeat(32) + ".lambda-url.us-east-1.aloft.test", "/")).startsWith("HTTP/1.1 404");
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void iamUrlTakesALambdaSignatureByAKeyThatMayInvokeInTheNamespace() throws Exception {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/urls/" + IAM_ID + "/hello");

		HttpResponse<String> response = send(signed(uri, body, "lambda", TEAM_KEY));

		assertThat(response.statusCode()).isEqualTo(201);
		Recorded invocation = onlyInvocation();
		assertThat(invocation.header(InvokerApi.INVOKED_FUNCTION_ARN))
			.isEqualTo("arn:aws:lambda:us-east-1:222222222222:function:web");
		JsonNode iam = JSON.readTree(invocation.body()).get("requestContext").get("authorizer").get("iam");
		assertThat(iam.get("accessKey").asString()).isEqualTo(TEAM_KEY);
		assertThat(iam.get("accountId").asString()).isEqualTo("222222222222");
	}

	@Test
	void iamUrlRefusesUnsignedWronglyScopedAndPowerlessCallers() throws Exception {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/urls/" + IAM_ID + "/hello");

		assertThat(send(HttpRequest.newBuilder(uri).POST(BodyPublishers.ofByteArray(body))).statusCode())
			.isEqualTo(401);
		assertThat(send(signed(uri, body, "execute-api", TEAM_KEY)).statusCode()).isEqualTo(401);
		HttpResponse<String> otherNamespace = send(signed(uri, body, "lambda", OTHER_KEY));
		assertThat(otherNamespace.statusCode()).isEqualTo(403);
		assertThat(otherNamespace.body()).isEqualTo("{\"message\":\"Forbidden\"}");
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void preflightIsAnsweredWithoutTheFunction() throws Exception {
		HttpResponse<String> response = send(
				request("/urls/" + OPEN_ID + "/any/path").header("Origin", "https://app.example.com")
					.header("Access-Control-Request-Method", "POST")
					.header("Access-Control-Request-Headers", "content-type")
					.method("OPTIONS", BodyPublishers.noBody()));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("300");
		assertThat(response.headers().allValues("Vary")).contains("Origin");
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void preflightFromAnotherOriginGetsNoAllowHeaders() throws Exception {
		HttpResponse<String> response = send(
				request("/urls/" + OPEN_ID + "/").header("Origin", "https://evil.example.com")
					.header("Access-Control-Request-Method", "POST")
					.method("OPTIONS", BodyPublishers.noBody()));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void actualResponseCarriesTheConfiguredCorsHeadersInsteadOfTheFunctions() throws Exception {
		HttpResponse<String> allowed = send(
				request("/urls/" + OPEN_ID + "/").header("Origin", "https://app.example.com").GET());
		HttpResponse<String> other = send(
				request("/urls/" + OPEN_ID + "/").header("Origin", "https://evil.example.com").GET());

		assertThat(allowed.headers().allValues("Access-Control-Allow-Origin"))
			.containsExactly("https://app.example.com");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).hasValue("x-total");
		assertThat(allowed.headers().allValues("Vary")).contains("Origin");
		assertThat(other.statusCode()).isEqualTo(201);
		assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpRequest.Builder signed(URI uri, byte[] body, String service, String accessKeyId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(BodyPublishers.ofByteArray(body));
		Signer.headers("POST", uri, body, service, accessKeyId, SECRET).forEach(request::header);
		return request;
	}

	/**
	 * A GET with a chosen Host header, which the JDK's HTTP client does not let a caller
	 * set; the connection still goes to the gateway on loopback.
	 */
	private String rawGet(String host, String pathAndQuery) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			try (InputStream in = socket.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}

	@Test
	void streamingUrlPassesTheFunctionsStreamOnAsItArrives() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		INVOKER.reset(Answer.streamed(StreamedHttpResponse.HTTP_INTEGRATION,
				List.of("{\"statusCode\":201,\"headers\":{\"X-Kind\":\"stream\",\"Content-Type\":\"text/plain\"},"
						+ "\"cookies\":[\"a=b\"]}", "\0\0\0\0\0\0\0\0first "),
				release, List.of("second"), true));

		HttpResponse<InputStream> response = this.client.send(request("/urls/" + STREAM_ID + "/live").build(),
				BodyHandlers.ofInputStream());

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Kind")).hasValue("stream");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=b");
		try (InputStream body = response.body()) {
			assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).as("before the stream ends")
				.isEqualTo("first ");
			release.countDown();
			assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
		}
		assertThat(onlyInvocation().header(InvokerApi.ACCEPT_RESPONSE_STREAM)).isEqualTo("true");
	}

	@Test
	void streamOfAnotherTypeIsTheBodyOfA200() throws Exception {
		INVOKER.reset(Answer.streamed("text/event-stream", List.of("data: 1\n\n"), new CountDownLatch(0),
				List.of("data: 2\n\n"), true));

		HttpResponse<String> response = send(request("/urls/" + STREAM_ID + "/"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(response.body()).isEqualTo("data: 1\n\ndata: 2\n\n");
	}

	@Test
	void streamCutShortAfterItBeganBreaksTheConnection() throws Exception {
		INVOKER.reset(Answer.streamed("text/plain", List.of("partial"), new CountDownLatch(0), List.of(), false));

		HttpResponse<InputStream> response = this.client.send(request("/urls/" + STREAM_ID + "/").build(),
				BodyHandlers.ofInputStream());

		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			assertThatIOException().as("the body never ends as a complete one").isThrownBy(body::readAllBytes);
		}
	}

	@Test
	void streamThatFailsBeforeItsPreludeIsAFunctionError() throws Exception {
		INVOKER.reset(Answer.streamed(StreamedHttpResponse.HTTP_INTEGRATION, List.of("{\"statusCode\""),
				new CountDownLatch(0), List.of(), false));

		HttpResponse<String> response = send(request("/urls/" + STREAM_ID + "/"));

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).contains("\"code\":\"FUNCTION_ERROR\"");
	}

	@Test
	void bufferedAnswerOnAStreamingUrlIsMappedAsAnyOther() throws Exception {
		HttpResponse<String> response = send(request("/urls/" + STREAM_ID + "/"));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("made");
	}

	private static Recorded onlyInvocation() {
		List<Recorded> requests = INVOKER.requests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	private static FunctionVersionConfig function(String namespace, String name, String version) {
		return new FunctionVersionConfig(namespace, name, version, "rev-" + version, "python3.12", "app.handler", 128,
				3, 512, Map.of(), "0".repeat(64), 1234);
	}

	private static AccessKeyConfig accessKey(String accessKeyId, Map<String, String> roles) {
		return new AccessKeyConfig(accessKeyId, new SecretBox(MASTER_KEY).seal(SECRET, "access-key:" + accessKeyId),
				true, roles);
	}

}
