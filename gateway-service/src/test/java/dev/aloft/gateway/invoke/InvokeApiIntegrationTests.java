package dev.aloft.gateway.invoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionPermissionConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.contracts.router.EventRouterApi;
import dev.aloft.gateway.fakes.Answer;
import dev.aloft.gateway.fakes.FakeControlPlane;
import dev.aloft.gateway.fakes.FakeService;
import dev.aloft.gateway.fakes.Recorded;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Lambda Invoke API, and the management API forwarded to the control plane, driven by
 * the AWS SDK for Java v2 with real SigV4 signing, against a fake control plane (the
 * feed, carrying namespaces, functions and sealed access keys), a fake invoker and a fake
 * event router.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InvokeApiIntegrationTests {

	private static final MasterKey MASTER_KEY = MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY"));

	private static final String INVOKER_KEY = "AKIAINVOKER000000001";

	private static final String VIEWER_KEY = "AKIAVIEWER0000000001";

	private static final String DISABLED_KEY = "AKIADISABLED00000001";

	/** A key without any role: it may invoke only what the functions' policies let it. */
	private static final String ROLELESS_KEY = "AKIAROLELESS00000001";

	private static final String SECRET = "invokerSecret000000000000000000000000000";

	private static final FunctionVersionConfig HELLO = function("default", "hello", FunctionVersionConfig.LATEST);

	private static final FunctionVersionConfig HELLO_V1 = function("default", "hello", "1");

	private static final FunctionVersionConfig TEAM_ONLY = function("team", "private", FunctionVersionConfig.LATEST);

	private static final FunctionVersionConfig TEAM_ONLY_V1 = function("team", "private", "1");

	private static final String TEAM_ONLY_ARN = "arn:aws:lambda:us-east-1:111111111111:function:private";

	private static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start(3,
			List.<ConfigResource>of(new NamespaceConfig("default", "000000000000"),
					new NamespaceConfig("team", "111111111111"), HELLO, HELLO_V1, TEAM_ONLY, TEAM_ONLY_V1,
					new AliasConfig("team", "private", "live", "1", null, 0, "r"),
					accessKey(ROLELESS_KEY, true, Map.of()), accessKey(INVOKER_KEY, true, Map.of("default", "INVOKER")),
					accessKey(VIEWER_KEY, true, Map.of("default", "VIEWER")),
					accessKey(DISABLED_KEY, false, Map.of("default", "ADMIN"))));

	private static final FakeService INVOKER = FakeService.start();

	private static final FakeService EVENT_ROUTER = FakeService.start();

	@LocalServerPort
	private int port;

	private LambdaClient lambda;

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
	void connect() {
		INVOKER.reset(Answer.success("{\"greeting\":\"hello\"}"));
		EVENT_ROUTER.reset(Answer.json(202, "{\"invocationId\":\"0b3b1e4e-0000-4000-8000-000000000001\"}"));
		CONTROL_PLANE.answerOthers(Answer.json(404, "{}"));
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.revision());
		this.lambda = client(INVOKER_KEY, SECRET);
	}

	@AfterEach
	void disconnect() {
		this.lambda.close();
	}

	@Test
	void synchronousInvocationReturnsWhatTheFunctionReturned() {
		InvokeResponse response = this.lambda
			.invoke((invoke) -> invoke.functionName("hello").payload(SdkBytes.fromUtf8String("{\"name\":\"world\"}")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.payload().asUtf8String()).isEqualTo("{\"greeting\":\"hello\"}");
		assertThat(response.functionError()).isNull();
		assertThat(response.executedVersion()).isEqualTo("$LATEST");
		Recorded invocation = onlyRequest(INVOKER);
		assertThat(invocation.path())
			.isEqualTo("/internal/v1/namespaces/default/functions/hello/versions/$LATEST/invocations");
		assertThat(invocation.bodyText()).isEqualTo("{\"name\":\"world\"}");
		assertThat(invocation.header(InvokerApi.INVOKED_FUNCTION_ARN))
			.isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello");
		assertThat(invocation.header(InvokerApi.TRIGGER)).isEqualTo("invoke-api");
	}

	@Test
	void qualifierMayComeAsParameterOrInTheArn() {
		this.lambda.invoke((invoke) -> invoke.functionName("hello").qualifier("1"));
		this.lambda.invoke((invoke) -> invoke.functionName("arn:aws:lambda:us-east-1:000000000000:function:hello:1"));
		this.lambda.invoke((invoke) -> invoke.functionName("000000000000:function:hello:1"));

		assertThat(INVOKER.requests()).hasSize(3).allSatisfy((invocation) -> {
			assertThat(invocation.path())
				.isEqualTo("/internal/v1/namespaces/default/functions/hello/versions/1/invocations");
			assertThat(invocation.header(InvokerApi.INVOKED_FUNCTION_ARN))
				.isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello:1");
		});
	}

	@Test
	void conflictingQualifiersAreRefused() {
		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("hello:1").qualifier("2")))
			.satisfies(
					(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException"));
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void failingFunctionAnswers200WithFunctionError() {
		INVOKER.reset(Answer.ran("FUNCTION_ERROR", "ValueError",
				"{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\",\"stackTrace\":[]}"));

		InvokeResponse response = this.lambda.invoke((invoke) -> invoke.functionName("hello"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("\"errorType\":\"ValueError\"");
	}

	@Test
	void logTailIsPassedBack() {
		String tail = Base64.getEncoder().encodeToString("START RequestId: x\n".getBytes(StandardCharsets.UTF_8));
		INVOKER.reset((exchange) -> {
			exchange.getResponseHeaders().set(InvokerApi.LOG_RESULT, tail);
			Answer.success("null").send(exchange);
		});

		InvokeResponse response = this.lambda.invoke((invoke) -> invoke.functionName("hello").logType(LogType.TAIL));

		assertThat(response.logResult()).isEqualTo(tail);
		assertThat(onlyRequest(INVOKER).header(InvokerApi.LOG_TYPE)).isEqualTo("Tail");
	}

	@Test
	void clientContextReachesTheInvokerDecoded() {
		String context = "{\"custom\":{\"k\":\"v\"}}";

		this.lambda.invoke((invoke) -> invoke.functionName("hello")
			.clientContext(Base64.getEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8))));

		assertThat(onlyRequest(INVOKER).header(InvokerApi.CLIENT_CONTEXT)).isEqualTo(context);
	}

	@Test
	void eventInvocationIsStoredByTheRouterBeforeThe202() {
		InvokeResponse response = this.lambda.invoke((invoke) -> invoke.functionName("hello")
			.qualifier("1")
			.invocationType(InvocationType.EVENT)
			.payload(SdkBytes.fromUtf8String("{\"n\":1}")));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.responseMetadata().requestId()).as("the request id the function will see")
			.isEqualTo("0b3b1e4e-0000-4000-8000-000000000001");
		assertThat(INVOKER.requests()).isEmpty();
		Recorded enqueued = onlyRequest(EVENT_ROUTER);
		assertThat(enqueued.path()).isEqualTo("/internal/v1/namespaces/default/functions/hello/async-invocations");
		assertThat(enqueued.query()).isEqualTo("qualifier=1");
		assertThat(enqueued.bodyText()).isEqualTo("{\"n\":1}");
		assertThat(enqueued.header(EventRouterApi.SOURCE)).isEqualTo("invoke-api");
		assertThat(enqueued.header("Authorization")).isEqualTo("Bearer " + MASTER_KEY.internalToken());
	}

	@Test
	void eventInvocationFailsWhenTheRouterCannotStoreIt() {
		EVENT_ROUTER.reset(Answer.json(503, "{}"));

		assertThatExceptionOfType(LambdaException.class).isThrownBy(
				() -> this.lambda.invoke((invoke) -> invoke.functionName("hello").invocationType(InvocationType.EVENT)))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
	}

	@Test
	void dryRunChecksWithoutRunning() {
		InvokeResponse response = this.lambda
			.invoke((invoke) -> invoke.functionName("hello").invocationType(InvocationType.DRY_RUN));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(INVOKER.requests()).isEmpty();
		assertThat(EVENT_ROUTER.requests()).isEmpty();
	}

	@Test
	void unknownFunctionIsResourceNotFound() {
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("nothing-here")))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.getMessage()).contains("arn:aws:lambda:us-east-1:000000000000:function:nothing-here");
			});
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("hello").qualifier("7")));
	}

	@Test
	void invalidJsonPayloadIsRefused() {
		assertThatExceptionOfType(InvalidRequestContentException.class).isThrownBy(() -> this.lambda
			.invoke((invoke) -> invoke.functionName("hello").payload(SdkBytes.fromUtf8String("{not json"))));
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void throttledInvokerIsTooManyRequests() {
		INVOKER.reset(Answer.problem(429));

		assertThatExceptionOfType(TooManyRequestsException.class)
			.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("hello")))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(429);
				assertThat(ex.reasonAsString()).isEqualTo("ConcurrentInvocationLimitExceeded");
			});
	}

	@Test
	void anInvokerLostMidInvocationIsAServiceExceptionNotAThrottle() {
		INVOKER.reset(Answer.hangUp());

		assertThatExceptionOfType(ServiceException.class)
			.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("hello")))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(500);
				assertThat(ex.getMessage()).contains("the function may have run");
			});
		assertThat(INVOKER.requests()).as("not run again").hasSize(1);
	}

	@Test
	void anEnvironmentThatCannotStartIsAFailureNotAThrottle() {
		INVOKER.reset(Answer.json(502,
				"{\"status\":502,\"title\":\"Environment not started\",\"detail\":\"The image x:1 is missing\"}"));

		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("hello")))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(502);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ResourceNotReadyException");
				assertThat(ex.getMessage()).contains("The image x:1 is missing");
			});
	}

	@Test
	void functionWithReservedConcurrencyZeroIsThrottledBeforeAnyInvoker() {
		CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.publish(new FunctionConcurrencyConfig("default", "hello", 0)));
		try {
			assertThatExceptionOfType(TooManyRequestsException.class)
				.isThrownBy(() -> this.lambda.invoke((invoke) -> invoke.functionName("hello")))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(429);
					assertThat(ex.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
				});
			assertThat(INVOKER.requests()).isEmpty();
		}
		finally {
			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.delete(ResourceKind.FUNCTION_CONCURRENCY,
					FunctionConcurrencyConfig.keyOf("default", "hello")));
		}
	}

	@Test
	void wrongSecretIsRefusedAsAForgedSignature() {
		try (LambdaClient forged = client(INVOKER_KEY, "not-the-secret000000000000000000000000000")) {
			assertThatExceptionOfType(LambdaException.class)
				.isThrownBy(() -> forged.invoke((invoke) -> invoke.functionName("hello")))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
				});
		}
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void unknownAndDisabledKeysAreRefused() {
		for (String key : List.of("AKIANOSUCHKEY0000001", DISABLED_KEY)) {
			try (LambdaClient stranger = client(key, SECRET)) {
				assertThatExceptionOfType(LambdaException.class)
					.isThrownBy(() -> stranger.invoke((invoke) -> invoke.functionName("hello")))
					.satisfies((ex) -> {
						assertThat(ex.statusCode()).isEqualTo(403);
						assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
					});
			}
		}
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void viewerMayNotInvoke() {
		try (LambdaClient viewer = client(VIEWER_KEY, SECRET)) {
			assertThatExceptionOfType(LambdaException.class)
				.isThrownBy(() -> viewer.invoke((invoke) -> invoke.functionName("hello")))
				.satisfies((ex) -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
				});
		}
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void anotherNamespacesFunctionIsOutOfReach() {
		assertThatExceptionOfType(LambdaException.class)
			.isThrownBy(() -> this.lambda
				.invoke((invoke) -> invoke.functionName("arn:aws:lambda:us-east-1:111111111111:function:private")))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));
		assertThat(INVOKER.requests()).isEmpty();
	}

	@Test
	void aKeyWithoutRoleInvokesWhatTheFunctionsPolicyLetsItAndNothingElse() {
		FunctionPermissionConfig liveOnly = new FunctionPermissionConfig("team", "private", "live-only", ROLELESS_KEY,
				"live");
		FunctionPermissionConfig anyQualifier = new FunctionPermissionConfig("team", "private", "any", ROLELESS_KEY,
				null);
		try (LambdaClient roleless = client(ROLELESS_KEY, SECRET)) {
			accessDenied(roleless, TEAM_ONLY_ARN + ":live");

			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.publish(liveOnly));
			InvokeResponse live = roleless.invoke((invoke) -> invoke.functionName(TEAM_ONLY_ARN + ":live"));
			assertThat(live.statusCode()).isEqualTo(200);
			assertThat(roleless.invoke((invoke) -> invoke.functionName(TEAM_ONLY_ARN).qualifier("live")).statusCode())
				.isEqualTo(200);
			accessDenied(roleless, TEAM_ONLY_ARN);
			accessDenied(roleless, TEAM_ONLY_ARN + ":$LATEST");
			accessDenied(roleless, TEAM_ONLY_ARN + ":1");
			accessDenied(roleless, "arn:aws:lambda:us-east-1:000000000000:function:hello");
			assertThat(INVOKER.requests()).hasSize(2)
				.allSatisfy((request) -> assertThat(request.path())
					.isEqualTo("/internal/v1/namespaces/team/functions/private/versions/1/invocations"));

			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.publish(anyQualifier));
			assertThat(roleless.invoke((invoke) -> invoke.functionName(TEAM_ONLY_ARN)).statusCode()).isEqualTo(200);
			assertThat(INVOKER.requests()).hasSize(3)
				.last()
				.satisfies((request) -> assertThat(request.path())
					.isEqualTo("/internal/v1/namespaces/team/functions/private/versions/$LATEST/invocations"));

			CONTROL_PLANE.delete(ResourceKind.FUNCTION_PERMISSION, liveOnly.key());
			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.delete(ResourceKind.FUNCTION_PERMISSION, anyQualifier.key()));
			accessDenied(roleless, TEAM_ONLY_ARN + ":live");
		}
		finally {
			CONTROL_PLANE.delete(ResourceKind.FUNCTION_PERMISSION, liveOnly.key());
			CONTROL_PLANE.awaitFollowerAt(CONTROL_PLANE.delete(ResourceKind.FUNCTION_PERMISSION, anyQualifier.key()));
		}
	}

	private static void accessDenied(LambdaClient client, String functionName) {
		int before = INVOKER.requests().size();
		assertThatExceptionOfType(LambdaException.class).as(functionName)
			.isThrownBy(() -> client.invoke((invoke) -> invoke.functionName(functionName)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(403);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
			});
		assertThat(INVOKER.requests()).hasSize(before);
	}

	@Test
	void otherLambdaApiCallsAreForwardedToTheControlPlaneAsTheVerifiedKey() {
		CONTROL_PLANE.answerOthers(Answer.json(200, "{\"Configuration\":{\"FunctionName\":\"hello\"}}"));

		GetFunctionResponse function = this.lambda.getFunction((get) -> get.functionName("hello").qualifier("1"));

		assertThat(function.configuration().functionName()).isEqualTo("hello");
		assertThat(CONTROL_PLANE.otherRequests()).singleElement().satisfies((forwarded) -> {
			assertThat(forwarded.method()).isEqualTo("GET");
			assertThat(forwarded.path()).isEqualTo("/2015-03-31/functions/hello");
			assertThat(forwarded.query()).isEqualTo("Qualifier=1");
			assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + MASTER_KEY.internalToken());
			assertThat(forwarded.header(ForwardedLambdaCalls.ACCESS_KEY_ID)).isEqualTo(INVOKER_KEY);
			assertThat(forwarded.header(ForwardedLambdaCalls.PUBLIC_BASE_URL))
				.as("links the control plane hands out point back here")
				.isEqualTo("http://127.0.0.1:" + this.port);
		});
	}

	@Test
	void codeDownloadLinksPassUnsignedAndWithoutTheGatewaysCredentials() throws Exception {
		CONTROL_PLANE.answerOthers(Answer.json(200, "{}"));
		String link = ForwardedLambdaCalls.CODE_DOWNLOAD_PREFIX + "ab12?Expires=1700000000&Signature=c0ffee";

		HttpResponse<String> download;
		try (HttpClient http = HttpClient.newHttpClient()) {
			download = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + link))
				.header(ForwardedLambdaCalls.PUBLIC_BASE_URL, "https://attacker.example")
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(CONTROL_PLANE.otherRequests()).singleElement().satisfies((forwarded) -> {
			assertThat(forwarded.path() + "?" + forwarded.query()).isEqualTo(link);
			assertThat(forwarded.header("Authorization")).as("the link is its own credential").isNull();
			assertThat(forwarded.header(ForwardedLambdaCalls.ACCESS_KEY_ID)).isNull();
			assertThat(forwarded.header(ForwardedLambdaCalls.PUBLIC_BASE_URL)).isNull();
		});
	}

	@Test
	void otherUnsignedCallsAreStillRefused() throws Exception {
		HttpResponse<String> refused;
		try (HttpClient http = HttpClient.newHttpClient()) {
			refused = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/2015-03-31/functions/hello"))
						.build(),
					HttpResponse.BodyHandlers.ofString());
		}

		assertThat(refused.statusCode()).isIn(400, 401, 403);
		assertThat(CONTROL_PLANE.otherRequests()).isEmpty();
	}

	@Test
	void forwardingNeedsAValidSignatureToo() {
		try (LambdaClient forged = client(INVOKER_KEY, "not-the-secret000000000000000000000000000")) {
			assertThatExceptionOfType(LambdaException.class)
				.isThrownBy(() -> forged.getFunction((get) -> get.functionName("hello")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));
		}
		assertThat(CONTROL_PLANE.otherRequests()).isEmpty();
	}

	@Test
	void controlPlaneErrorsReachTheCallerUnchanged() {
		CONTROL_PLANE.answerOthers((exchange) -> {
			exchange.getResponseHeaders().set("x-amzn-ErrorType", "ResourceNotFoundException");
			Answer.json(404, "{\"Type\":\"User\",\"Message\":\"Function not found: x\"}").send(exchange);
		});

		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.lambda.getFunction((get) -> get.functionName("hello")))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Function not found: x"));
	}

	private LambdaClient client(String accessKeyId, String secret) {
		return LambdaClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	private static Recorded onlyRequest(FakeService service) {
		List<Recorded> requests = service.requests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static FunctionVersionConfig function(String namespace, String name, String version) {
		return new FunctionVersionConfig(namespace, name, version, "rev-" + version, "python3.12", "app.handler", 128,
				3, 512, Map.of(), "0".repeat(64), 1234);
	}

	private static AccessKeyConfig accessKey(String accessKeyId, boolean enabled, Map<String, String> roles) {
		String sealed = new SecretBox(MASTER_KEY).seal(SECRET, "access-key:" + accessKeyId);
		return new AccessKeyConfig(accessKeyId, sealed, enabled, roles);
	}

}
