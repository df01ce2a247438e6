package dev.aloft.invoker.runtimeapi;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.pool.RuntimeApiEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Runtime API contract ({@code LAMBDA-CONTRACT.md} section 1), with the test as the
 * runtime: the function's {@code bootstrap} only reports its
 * {@code AWS_LAMBDA_RUNTIME_API} and sleeps, and the test makes the calls a runtime
 * would.
 */
class RuntimeApiIntegrationTests extends InvokerIntegrationSupport {

	private static final String RUNTIME = "/2018-06-01/runtime";

	private static final String INVALID_REQUEST_ID = "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"Invalid request ID\"}";

	private static final String ACCESS_DENIED = "{\"errorType\":\"AccessDenied\",\"errorMessage\":\"Unknown runtime environment\"}";

	private static final String ACCEPTED = "{\"status\":\"OK\"}";

	/**
	 * Writes the Runtime API address to {@code $ADDRESS_DIR/<pid>.address}, then idles.
	 */
	private static final String REPORTING_BOOTSTRAP = """
			#!/bin/sh
			echo "$AWS_LAMBDA_RUNTIME_API" > "$ADDRESS_DIR/$$.tmp"
			mv "$ADDRESS_DIR/$$.tmp" "$ADDRESS_DIR/$$.address"
			exec sleep 300
			""";

	private static final byte[] REPORTING_ZIP = FunctionCode.provided(REPORTING_BOOTSTRAP, Map.of());

	@Autowired
	private RuntimeApiEndpoint runtimeApiEndpoint;

	/** {@code host:port} of the Runtime API. */
	private String runtimeHostPort;

	@BeforeEach
	void findRuntimePort() {
		String address = this.runtimeApiEndpoint.address("0".repeat(32));
		this.runtimeHostPort = address.substring(0, address.indexOf('/'));
		assertThat(this.runtimeHostPort).matches("127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void unknownTokenIsDenied() {
		String stranger = "http://" + this.runtimeHostPort + "/" + randomToken() + RUNTIME;

		assertAnswer(get(stranger + "/invocation/next"), 403, ACCESS_DENIED);
		assertAnswer(post(stranger + "/invocation/" + UUID.randomUUID() + "/response", "{}", Map.of()), 403,
				ACCESS_DENIED);
		assertAnswer(post(stranger + "/invocation/" + UUID.randomUUID() + "/error", "{}", Map.of()), 403,
				ACCESS_DENIED);
		assertAnswer(post(stranger + "/init/error", "{}", Map.of()), 403, ACCESS_DENIED);
	}

	@Test
	void pathsWithoutAWellFormedTokenAreNotFound() {
		String base = "http://" + this.runtimeHostPort;

		assertThat(get(base + RUNTIME + "/invocation/next").statusCode()).isEqualTo(404);
		assertThat(get(base + "/" + randomToken().toUpperCase() + RUNTIME + "/invocation/next").statusCode())
			.isEqualTo(404);
		assertThat(get(base + "/" + randomToken().substring(1) + RUNTIME + "/invocation/next").statusCode())
			.isEqualTo(404);
	}

	@Test
	void unknownCallsAndOtherVersionsAreNotFound() {
		String base = "http://" + this.runtimeHostPort + "/" + randomToken();
		String notFound = "{\"errorType\":\"NotFound\",\"errorMessage\":\"Not found\"}";

		assertAnswer(get(base + RUNTIME + "/invocation/next/more"), 404, notFound);
		assertAnswer(get(base + RUNTIME + "/unknown"), 404, notFound);
		assertAnswer(post(base + RUNTIME + "/invocation/" + UUID.randomUUID() + "/other", "{}", Map.of()), 404,
				notFound);
		assertAnswer(get(base + "/2020-01-01/runtime/invocation/next"), 404, notFound);
	}

	@Test
	void aCallWithTheWrongMethodIsNotAllowed() {
		String base = "http://" + this.runtimeHostPort + "/" + randomToken() + RUNTIME;

		HttpResponse<String> getResponse = get(base + "/invocation/" + UUID.randomUUID() + "/response");
		HttpResponse<String> postNext = post(base + "/invocation/next", "{}", Map.of());

		assertAnswer(getResponse, 405, "{\"errorType\":\"MethodNotAllowed\",\"errorMessage\":\"Method not allowed\"}");
		assertThat(getResponse.headers().firstValue("Allow")).hasValue("POST");
		assertThat(postNext.statusCode()).isEqualTo(405);
		assertThat(postNext.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void runtimeApiIsNotServedOnTheMainPort() {
		HttpResponse<String> response = get(
				"http://127.0.0.1:" + this.port + "/" + randomToken() + RUNTIME + "/invocation/next");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(post("http://127.0.0.1:" + this.port + "/" + randomToken() + RUNTIME + "/init/error", "{}", Map.of())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void invokeApiAndActuatorAreNotServedOnTheRuntimePort() {
		FunctionVersionConfig function = deploy("not-on-runtime-port", "python3.11", "app.handler", 3, Map.of(),
				FunctionCode.python("app", "def handler(event, context):\n    return 1\n"));
		String invokePath = InvokerApi.INVOKE_PATH.replace("{namespace}", NAMESPACE)
			.replace("{function}", function.functionName())
			.replace("{version}", function.version());

		HttpResponse<String> invoke = post("http://" + this.runtimeHostPort + invokePath, "{}",
				Map.of(InvokerApi.REQUEST_ID, UUID.randomUUID().toString()));

		assertThat(invoke.statusCode()).isEqualTo(404);
		assertThat(get("http://" + this.runtimeHostPort + "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get("http://127.0.0.1:" + this.port + "/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void nextDeliversTheInvocationAndResponseAnswersIt() {
		ReportingFunction function = deployReporting("runtime-next", 30);
		String arn = "arn:aws:lambda:us-east-1:000000000000:function:runtime-next:live";
		long before = System.currentTimeMillis();
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(),
				"{\"hello\":\"runtime\"}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.INVOKED_FUNCTION_ARN, arn, InvokerApi.TRACE_ID, "Root=1-abc;Sampled=1",
						InvokerApi.CLIENT_CONTEXT, "{\"custom\":{\"a\":\"b\"}}"));
		String api = function.awaitAddresses(1).get(0);

		HttpResponse<String> next = get(api + "/invocation/next");
		long after = System.currentTimeMillis();

		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.body()).isEqualTo("{\"hello\":\"runtime\"}");
		String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
		assertThat(requestId).matches("[0-9a-f-]{36}");
		assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(arn);
		assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValue("Root=1-abc;Sampled=1");
		assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context")).hasValue("{\"custom\":{\"a\":\"b\"}}");
		assertThat(next.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/json"));
		long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
		assertThat(deadline).isBetween(before + 30_000, after + 30_000);
		assertThat(invocation).isNotDone();

		assertAnswer(post(api + "/invocation/" + UUID.randomUUID() + "/response", "wrong", Map.of()), 400,
				INVALID_REQUEST_ID);
		assertAnswer(post(api + "/invocation/" + requestId + "/response", "the answer",
				Map.of("Content-Type", "text/plain")), 202, ACCEPTED);
		assertAnswer(post(api + "/invocation/" + requestId + "/response", "again", Map.of()), 400, INVALID_REQUEST_ID);

		Invoked invoked = invocation.join();
		assertThat(invoked.requestId()).isEqualTo(requestId);
		assertThat(invoked.status()).isEqualTo(200);
		assertThat(invoked.text()).isEqualTo("the answer");
		assertThat(invoked.header("Content-Type")).startsWith("text/plain");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
	}

	@Test
	void secondNextWhileAnInvocationIsOutstandingIsRefused() {
		ReportingFunction function = deployReporting("runtime-double-next", 30);
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));

		HttpResponse<String> again = get(api + "/invocation/next");

		assertThat(again.statusCode()).isEqualTo(403);
		assertThat(again.body())
			.startsWith("{\"errorType\":\"InvalidStateTransition\",\"errorMessage\":\"State transition from ");
		assertAnswer(post(api + "/invocation/" + requestId + "/response", "\"done\"", Map.of()), 202, ACCEPTED);
		assertThat(invocation.join().text()).isEqualTo("\"done\"");
	}

	@Test
	void environmentCannotAnswerAnotherEnvironmentsInvocation() {
		ReportingFunction function = deployReporting("runtime-two", 30);
		CompletableFuture<Invoked> first = invokeAsync(function.config(), "1".getBytes(StandardCharsets.UTF_8),
				Map.of());
		CompletableFuture<Invoked> second = invokeAsync(function.config(), "2".getBytes(StandardCharsets.UTF_8),
				Map.of());
		List<String> apis = function.awaitAddresses(2);
		String apiA = apis.get(0);
		String apiB = apis.get(1);
		assertThat(apiA).isNotEqualTo(apiB);
		HttpResponse<String> nextA = get(apiA + "/invocation/next");
		HttpResponse<String> nextB = get(apiB + "/invocation/next");
		String requestA = requestId(nextA);
		String requestB = requestId(nextB);

		assertAnswer(post(apiB + "/invocation/" + requestA + "/response", "stolen", Map.of()), 400, INVALID_REQUEST_ID);
		assertAnswer(post(apiB + "/invocation/" + requestA + "/error", "{\"errorType\":\"Stolen\"}", Map.of()), 400,
				INVALID_REQUEST_ID);

		assertAnswer(post(apiA + "/invocation/" + requestA + "/response", "from A " + nextA.body(), Map.of()), 202,
				ACCEPTED);
		assertAnswer(post(apiB + "/invocation/" + requestB + "/response", "from B " + nextB.body(), Map.of()), 202,
				ACCEPTED);
		Map<String, Invoked> byRequest = Map.of(first.join().requestId(), first.join(), second.join().requestId(),
				second.join());
		assertThat(byRequest.get(requestA).text()).isEqualTo("from A " + nextA.body());
		assertThat(byRequest.get(requestB).text()).isEqualTo("from B " + nextB.body());
	}

	@Test
	void errorIsForwardedVerbatimAndTheEnvironmentServesAgain() {
		ReportingFunction function = deployReporting("runtime-error", 30);
		CompletableFuture<Invoked> failing = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));
		String error = "{\"errorMessage\":\"it broke\",\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[\"at A.b(A.java:1)\"]}";

		assertAnswer(post(api + "/invocation/" + requestId + "/error", error,
				Map.of("Lambda-Runtime-Function-Error-Type", "Function.Custom", "Content-Type", "application/json")),
				202, ACCEPTED);

		Invoked invoked = failing.join();
		assertThat(invoked.status()).isEqualTo(200);
		assertThat(invoked.text()).isEqualTo(error);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Function.Custom");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");

		CompletableFuture<Invoked> nextInvocation = invokeAsync(function.config(),
				"\"again\"".getBytes(StandardCharsets.UTF_8), Map.of());
		HttpResponse<String> next = get(api + "/invocation/next");
		assertThat(next.body()).isEqualTo("\"again\"");
		post(api + "/invocation/" + requestId(next) + "/response", "\"ok\"", Map.of());
		assertThat(nextInvocation.join().text()).isEqualTo("\"ok\"");
	}

	@Test
	void errorCauseIsStrippedAndTheBodyNamesTheErrorType() {
		ReportingFunction function = deployReporting("runtime-error-cause", 30);
		CompletableFuture<Invoked> failing = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));

		post(api + "/invocation/" + requestId + "/error",
				"{\"errorMessage\":\"bad\",\"errorType\":\"Oops\",\"stackTrace\":[],\"errorCause\":{\"paths\":[\"x\"]}}",
				Map.of("Content-Type", "application/vnd.aws.lambda.error.cause+json"));

		Invoked invoked = failing.join();
		assertThat(invoked.json().has("errorCause")).isFalse();
		assertThat(invoked.json().get("errorMessage").asString()).isEqualTo("bad");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Oops");
	}

	@Test
	void initErrorAnswersTheWaitingInvocationAndEndsTheEnvironment() {
		ReportingFunction function = deployReporting("runtime-init-error", 30);
		CompletableFuture<Invoked> waiting = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String error = "{\"errorMessage\":\"Cannot load handler\",\"errorType\":\"Runtime.ImportModuleError\",\"stackTrace\":[]}";

		assertAnswer(post(api + "/init/error", error,
				Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError")), 202, ACCEPTED);

		Invoked invoked = waiting.join();
		assertThat(invoked.status()).isEqualTo(200);
		assertThat(invoked.text()).isEqualTo(error);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertAnswer(post(api + "/init/error", error, Map.of()), 403, ACCESS_DENIED));
	}

	@Test
	void runtimeThatNeverAsksForWorkTimesOutItsInit() {
		ReportingFunction function = deployReporting("runtime-init-timeout", 30);

		Invoked invoked = invoke(function.config(), "{}");

		String api = function.awaitAddresses(1).get(0);
		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Sandbox.Timedout");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_FAILURE");
		assertThat(invoked.text()).isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: "
				+ invoked.requestId() + " Error: Init timed out after 5.00 seconds\"}");
		assertAnswer(get(api + "/invocation/next"), 403, ACCESS_DENIED);
	}

	@Test
	void initErrorAfterInitialisationIsRefused() {
		ReportingFunction function = deployReporting("runtime-late-init-error", 30);
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));

		HttpResponse<String> late = post(api + "/init/error", "{\"errorType\":\"Late\"}", Map.of());

		assertThat(late.statusCode()).isEqualTo(403);
		assertThat(late.body()).contains("\"errorType\":\"InvalidStateTransition\"");
		post(api + "/invocation/" + requestId + "/response", "1", Map.of());
		assertThat(invocation.join().text()).isEqualTo("1");
	}

	@Test
	void oversizedResponseIsRefusedAndTheCallerToldSo() {
		ReportingFunction function = deployReporting("runtime-too-large", 30);
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));
		byte[] body = new byte[6 * 1024 * 1024 + 101];
		Arrays.fill(body, (byte) 'x');

		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(api + "/invocation/" + requestId + "/response"))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)));

		assertAnswer(response, 413,
				"{\"errorType\":\"RequestEntityTooLarge\",\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\"}");
		Invoked invoked = invocation.join();
		assertThat(invoked.status()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Function.ResponseSizeTooLarge");
	}

	@Test
	void streamedResponseIsGatheredForABufferedInvocation() throws IOException {
		ReportingFunction function = deployReporting("runtime-stream", 30);
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));

		RawAnswer answer = postChunked(api + "/invocation/" + requestId + "/response",
				Map.of("Lambda-Runtime-Function-Response-Mode", "streaming", "Content-Type", "text/plain", "Trailer",
						"Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body"),
				List.of("first ", "second ", "third"), Map.of());

		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.body()).isEqualTo(ACCEPTED);
		Invoked invoked = invocation.join();
		assertThat(invoked.text()).isEqualTo("first second third");
		assertThat(invoked.header("Content-Type")).startsWith("text/plain");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
	}

	@Test
	void streamThatFailsMidwayIsAFunctionErrorFromItsTrailers() throws IOException {
		ReportingFunction function = deployReporting("runtime-stream-error", 30);
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));
		String error = "{\"errorType\":\"Error\",\"errorMessage\":\"broke mid-stream\",\"trace\":[\"at x\"]}";

		RawAnswer answer = postChunked(api + "/invocation/" + requestId + "/response",
				Map.of("Lambda-Runtime-Function-Response-Mode", "streaming", "Trailer",
						"Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body"),
				List.of("partial "),
				Map.of("Lambda-Runtime-Function-Error-Type", "Error", "Lambda-Runtime-Function-Error-Body",
						Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8))));

		assertThat(answer.status()).isEqualTo(202);
		Invoked invoked = invocation.join();
		assertThat(invoked.text()).isEqualTo(error);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Error");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
	}

	@Test
	void unknownResponseModeIsRefusedAndFailsTheInvocation() {
		ReportingFunction function = deployReporting("runtime-bad-mode", 30);
		CompletableFuture<Invoked> invocation = invokeAsync(function.config(), "{}".getBytes(StandardCharsets.UTF_8),
				Map.of());
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));

		assertAnswer(
				post(api + "/invocation/" + requestId + "/response", "\"x\"",
						Map.of("Lambda-Runtime-Function-Response-Mode", "buffered-please")),
				400,
				"{\"errorType\":\"InvalidFunctionResponseMode\",\"errorMessage\":\"Invalid function response mode\"}");

		Invoked invoked = invocation.join();
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Runtime.InvalidResponseModeHeader");
	}

	@Test
	void streamIsPassedOnChunkByChunkToACallerThatTakesOne() throws Exception {
		try (StreamingInvocation streaming = startStreaming("runtime-stream-through", 30,
				Map.of("Content-Type", "text/plain"), "first ")) {
			HttpResponse<InputStream> response = streaming.response();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue(InvokerApi.RESPONSE_STREAMED)).hasValue("true");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/plain"));
			assertThat(frame(streaming.frames())).as("passed on before the stream ends").isEqualTo("first ");

			streaming.runtime().chunk("second");
			streaming.runtime().end(Map.of());

			assertThat(frame(streaming.frames())).isEqualTo("second");
			assertThat(streaming.frames().readInt()).isEqualTo(InvokerApi.STREAM_COMPLETE);
			assertThat(streaming.runtime().status()).isEqualTo(202);
		}
	}

	@Test
	void streamThatFailsMidwayEndsWithTheFailedFrame() throws Exception {
		try (StreamingInvocation streaming = startStreaming("runtime-stream-through-error", 30, Map.of(), "partial")) {
			assertThat(frame(streaming.frames())).isEqualTo("partial");

			streaming.runtime()
				.end(Map.of("Lambda-Runtime-Function-Error-Type", "Error", "Lambda-Runtime-Function-Error-Body",
						Base64.getEncoder()
							.encodeToString("{\"errorType\":\"Error\"}".getBytes(StandardCharsets.UTF_8))));

			assertThat(streaming.frames().readInt()).isEqualTo(InvokerApi.STREAM_FAILED);
			assertThat(frame(streaming.frames())).as("the error follows").isEqualTo("{\"errorType\":\"Error\"}");
			assertThat(streaming.runtime().status()).isEqualTo(202);
		}
	}

	@Test
	void streamStillRunningAtTheTimeoutEndsWithTheFailedFrame() throws Exception {
		try (StreamingInvocation streaming = startStreaming("runtime-stream-timeout", 1, Map.of(), "slow")) {
			assertThat(frame(streaming.frames())).isEqualTo("slow");

			assertThat(streaming.frames().readInt()).as("cut short by the timeout").isEqualTo(InvokerApi.STREAM_FAILED);
			assertThat(frame(streaming.frames())).contains("\"errorType\":\"Sandbox.Timedout\"");
		}
	}

	/**
	 * Invokes a function as a caller that takes a stream, and has its environment start a
	 * streamed response with a first chunk.
	 */
	private StreamingInvocation startStreaming(String name, int timeoutSeconds, Map<String, String> headers,
			String firstChunk) throws Exception {
		ReportingFunction function = deployReporting(name, timeoutSeconds);
		CompletableFuture<HttpResponse<InputStream>> caller = invokeStreaming(function);
		String api = function.awaitAddresses(1).get(0);
		String requestId = requestId(get(api + "/invocation/next"));
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put("Lambda-Runtime-Function-Response-Mode", "streaming");
		ChunkedPost runtime = ChunkedPost.open(api + "/invocation/" + requestId + "/response", all);
		runtime.chunk(firstChunk);
		HttpResponse<InputStream> response = caller.get(20, TimeUnit.SECONDS);
		return new StreamingInvocation(runtime, response, new DataInputStream(response.body()));
	}

	private CompletableFuture<HttpResponse<InputStream>> invokeStreaming(ReportingFunction function) {
		HttpRequest request = HttpRequest
			.newBuilder(invokeUri(NAMESPACE, function.config().functionName(), function.config().version()))
			.timeout(Duration.ofSeconds(60))
			.header(InvokerApi.REQUEST_ID, UUID.randomUUID().toString())
			.header(InvokerApi.CONFIG_REVISION, Long.toString(CONTROL_PLANE.revision()))
			.header(InvokerApi.ACCEPT_RESPONSE_STREAM, "true")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	private static String frame(DataInputStream frames) throws IOException {
		int length = frames.readInt();
		assertThat(length).as("a data frame").isPositive();
		return new String(frames.readNBytes(length), StandardCharsets.UTF_8);
	}

	/**
	 * Posts a chunked body with trailers, which {@link java.net.http.HttpClient} cannot
	 * send, over a plain socket.
	 */
	private static RawAnswer postChunked(String url, Map<String, String> headers, List<String> chunks,
			Map<String, String> trailers) throws IOException {
		try (ChunkedPost post = ChunkedPost.open(url, headers)) {
			for (String chunk : chunks) {
				post.chunk(chunk);
			}
			post.end(trailers);
			return new RawAnswer(post.status(), post.body());
		}
	}

	private record RawAnswer(int status, String body) {
	}

	/**
	 * A streamed response in progress: the runtime's side, and the caller's.
	 */
	private record StreamingInvocation(ChunkedPost runtime, HttpResponse<InputStream> response,
			DataInputStream frames) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			this.runtime.close();
		}

	}

	/**
	 * A chunked {@code POST} written piece by piece over a plain socket, as a streaming
	 * runtime sends its response.
	 */
	private static final class ChunkedPost implements AutoCloseable {

		private final Socket socket;

		private @Nullable String answer;

		private ChunkedPost(Socket socket) {
			this.socket = socket;
		}

		static ChunkedPost open(String url, Map<String, String> headers) throws IOException {
			URI uri = URI.create(url);
			Socket socket = new Socket(uri.getHost(), uri.getPort());
			socket.setSoTimeout(20_000);
			StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\n");
			head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
			head.append("Transfer-Encoding: chunked\r\nConnection: close\r\n");
			head.append("Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			ChunkedPost post = new ChunkedPost(socket);
			post.send(head.toString());
			return post;
		}

		void chunk(String text) throws IOException {
			send(Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n");
		}

		void end(Map<String, String> trailers) throws IOException {
			StringBuilder last = new StringBuilder("0\r\n");
			trailers.forEach((name, value) -> last.append(name).append(": ").append(value).append("\r\n"));
			send(last.append("\r\n").toString());
		}

		int status() throws IOException {
			String text = answer();
			return Integer.parseInt(text.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
		}

		String body() throws IOException {
			String text = answer();
			return text.substring(text.indexOf("\r\n\r\n") + 4);
		}

		private String answer() throws IOException {
			if (this.answer == null) {
				this.answer = new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			return this.answer;
		}

		private void send(String text) throws IOException {
			this.socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
			this.socket.getOutputStream().flush();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	private ReportingFunction deployReporting(String name, int timeoutSeconds) {
		try {
			Path directory = Files.createDirectories(workDirectory().resolve("addresses").resolve(name));
			// The function runs as an unprivileged user when the tests run as root.
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
			FunctionVersionConfig config = deploy(name, "provided.al2023", "unused.handler", timeoutSeconds,
					Map.of("ADDRESS_DIR", directory.toString()), REPORTING_ZIP);
			return new ReportingFunction(config, directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String requestId(HttpResponse<String> next) {
		assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
		return next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
	}

	private static String randomToken() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static void assertAnswer(HttpResponse<String> response, int status, String body) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).isEqualTo(body);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/json"));
	}

	private static HttpResponse<String> get(String uri) {
		return send(HttpRequest.newBuilder(URI.create(uri)).GET());
	}

	private static HttpResponse<String> post(String uri, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return send(request);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A deployed function whose environments report their Runtime API address.
	 *
	 * @param config the version
	 * @param directory where its environments write their addresses
	 */
	private record ReportingFunction(FunctionVersionConfig config, Path directory) {

		List<String> addresses() {
			try (Stream<Path> files = Files.list(this.directory)) {
				return files.filter((file) -> file.getFileName().toString().endsWith(".address"))
					.sorted()
					.map(ReportingFunction::read)
					.toList();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Waits for that many environments to start.
		 * @return their Runtime API base URLs, up to {@code /runtime}
		 */
		List<String> awaitAddresses(int count) {
			await().atMost(Duration.ofSeconds(20)).until(() -> addresses().size() >= count);
			return addresses().stream().map((address) -> "http://" + address + RUNTIME).toList();
		}

		private static String read(Path file) {
			try {
				return Files.readString(file).strip();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
