package dev.aloft.gateway.invoke;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code InvokeWithResponseStream} driven by the AWS SDK for Java v2's asynchronous
 * client, which reads the event stream: a function's stream arrives chunk by chunk and
 * ends in {@code InvokeComplete}, with the error fields when it failed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InvokeWithResponseStreamIntegrationTests {

	private static final MasterKey MASTER_KEY = MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY"));

	private static final String KEY = "AKIASTREAMER00000001";

	private static final String SECRET = "streamerSecret00000000000000000000000000";

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(3,
			List.<ConfigResource>of(new NamespaceConfig("default", "000000000000"),
					new FunctionVersionConfig("default", "streamer", "1", "rev-1", "nodejs22.x", "index.handler", 128,
							3, 512, Map.of(), "0".repeat(64), 1234),
					new AccessKeyConfig(KEY, new SecretBox(MASTER_KEY).seal(SECRET, "access-key:" + KEY), true,
							Map.of("default", "INVOKER"))));

	private static final FakeService INVOKER = FakeService.start();

	@LocalServerPort
	private int port;

	private LambdaAsyncClient lambda;

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
	void connect() {
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
		this.lambda = LambdaAsyncClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	@AfterEach
	void disconnect() {
		this.lambda.close();
	}

	@Test
	void streamArrivesChunkByChunkAndEndsComplete() throws Exception {
		INVOKER.reset(Answer.streamed("text/plain", List.of("hello "), new CountDownLatch(0), List.of("world"), true));

		Streamed streamed = invoke();

		assertThat(streamed.response().get().statusCode()).isEqualTo(200);
		assertThat(streamed.response().get().executedVersion()).isEqualTo("1");
		assertThat(streamed.response().get().responseStreamContentType()).isEqualTo("text/plain");
		assertThat(streamed.chunks()).containsExactly("hello ", "world");
		assertThat(streamed.complete().get().errorCode()).isNull();
		assertThat(streamed.complete().get().errorDetails()).isNull();
		assertThat(INVOKER.requests().get(0).header(InvokerApi.ACCEPT_RESPONSE_STREAM)).isEqualTo("true");
	}

	@Test
	void streamCutShortEndsWithTheFunctionsError() throws Exception {
		INVOKER.reset(Answer.streamed("text/plain", List.of("partial"), new CountDownLatch(0), List.of(), false));

		Streamed streamed = invoke();

		assertThat(streamed.chunks()).containsExactly("partial");
		assertThat(streamed.complete().get().errorCode()).isEqualTo("Error");
		assertThat(streamed.complete().get().errorDetails()).isEqualTo("broke mid-stream");
	}

	@Test
	void invokerAnswerThatBreaksOffIsNotACompleteSuccess() throws Exception {
		INVOKER.reset((exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.getResponseHeaders().set(InvokerApi.RESPONSE_STREAMED, "true");
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write(new byte[] { 0, 0, 0, 4, 'l', 'o', 's', 't' });
			exchange.getResponseBody().flush();
			exchange.close();
		});

		Streamed streamed = invoke();

		assertThat(streamed.chunks()).containsExactly("lost");
		assertThat(streamed.complete().get().errorCode()).isEqualTo("Aloft.StreamInterrupted");
	}

	@Test
	void functionThatDoesNotStreamAnswersInOneChunk() throws Exception {
		INVOKER.reset(Answer.success("{\"greeting\":\"hello\"}"));

		Streamed streamed = invoke();

		assertThat(streamed.chunks()).containsExactly("{\"greeting\":\"hello\"}");
		assertThat(streamed.complete().get().errorCode()).isNull();
	}

	@Test
	void functionErrorIsInTheCompleteEvent() throws Exception {
		INVOKER.reset(Answer.ran("FUNCTION_ERROR", "ValueError",
				"{\"errorType\":\"ValueError\",\"errorMessage\":\"bad input\"}"));

		Streamed streamed = invoke();

		assertThat(streamed.response().get().statusCode()).isEqualTo(200);
		assertThat(streamed.chunks()).isEmpty();
		assertThat(streamed.complete().get().errorCode()).isEqualTo("ValueError");
		assertThat(streamed.complete().get().errorDetails()).isEqualTo("bad input");
	}

	private Streamed invoke() throws Exception {
		Streamed streamed = new Streamed(new AtomicReference<>(), new CopyOnWriteArrayList<>(),
				new AtomicReference<>());
		InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
			.onResponse(streamed.response()::set)
			.subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
				.onPayloadChunk((chunk) -> streamed.chunks().add(chunk.payload().asUtf8String()))
				.onInvokeComplete(streamed.complete()::set)
				.build())
			.build();
		this.lambda.invokeWithResponseStream((request) -> request.functionName("streamer").qualifier("1"), handler)
			.get(30, TimeUnit.SECONDS);
		return streamed;
	}

	private record Streamed(AtomicReference<InvokeWithResponseStreamResponse> response, List<String> chunks,
			AtomicReference<InvokeWithResponseStreamCompleteEvent> complete) {
	}

}
