package dev.aloft.sigv4;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@link LambdaClient}, pointed at a JDK HTTP server that records each request
 * exactly as it arrived: what the SDK sends must verify.
 */
class LambdaClientInteropTests {

	private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn";

	private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE/session+token==";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final CredentialsLookup credentials = CredentialsLookup
		.of(Map.of("AKIALOCALEXAMPLE", SigningCredentials.of("local-secret"), "ASIALOCALEXAMPLE",
				SigningCredentials.withSessionToken("temporary-secret", SESSION_TOKEN)));

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void invokeVerifies() {
		try (LambdaClient lambda = client(AwsBasicCredentials.create("AKIALOCALEXAMPLE", "local-secret"))) {
			InvokeResponse response = lambda.invoke((invoke) -> invoke.functionName("my-fn")
				.qualifier("$LATEST")
				.payload(SdkBytes.fromUtf8String("{\"hello\":\"world\"}")));
			assertThat(response.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
		}

		Received invoke = this.received.get(0);
		assertThat(invoke.request().method()).isEqualTo("POST");
		assertThat(invoke.request().rawPath()).isEqualTo("/2015-03-31/functions/my-fn/invocations");
		assertThat(invoke.request().rawQuery()).isEqualTo("Qualifier=%24LATEST");
		Verified verified = SdkSignerInteropTests.verified(verifier(invoke).verify(invoke.request()));
		assertThat(verified.accessKeyId()).isEqualTo("AKIALOCALEXAMPLE");
		assertThat(verified.service()).isEqualTo("lambda");
		assertThat(verified.region()).isEqualTo("us-east-1");
		assertThat(verified.signedHeaders()).contains("host");
		// Over plain HTTP the SDK signs the body.
		assertThat(verified.payload())
			.isEqualTo(new PayloadSigning.Signed(Sha256.hex("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void getFunctionConfigurationOfAQualifiedArnVerifies() {
		try (LambdaClient lambda = client(AwsBasicCredentials.create("AKIALOCALEXAMPLE", "local-secret"))) {
			GetFunctionConfigurationResponse response = lambda
				.getFunctionConfiguration((get) -> get.functionName(FUNCTION_ARN + ":$LATEST").qualifier("$LATEST"));
			assertThat(response.functionName()).isEqualTo("fn");
		}

		Received get = this.received.get(0);
		assertThat(get.request().method()).isEqualTo("GET");
		assertThat(get.request().rawPath()).isEqualTo(
				"/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn%3A%24LATEST/configuration");
		assertThat(SdkSignerInteropTests.verified(verifier(get).verify(get.request())).accessKeyId())
			.isEqualTo("AKIALOCALEXAMPLE");
	}

	@Test
	void temporaryCredentialsVerify() {
		try (LambdaClient lambda = client(
				AwsSessionCredentials.create("ASIALOCALEXAMPLE", "temporary-secret", SESSION_TOKEN))) {
			lambda.getFunctionConfiguration((get) -> get.functionName("fn"));
		}

		Received get = this.received.get(0);
		assertThat(get.request().headers().first("x-amz-security-token")).isEqualTo(SESSION_TOKEN);
		assertThat(SdkSignerInteropTests.verified(verifier(get).verify(get.request())).accessKeyId())
			.isEqualTo("ASIALOCALEXAMPLE");
	}

	@Test
	void aWrongSecretIsRejected() {
		try (LambdaClient lambda = client(AwsBasicCredentials.create("AKIALOCALEXAMPLE", "not-the-secret"))) {
			lambda.getFunctionConfiguration((get) -> get.functionName("fn"));
		}

		Received get = this.received.get(0);
		assertThat(verifier(get).verify(get.request())).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE));
	}

	private LambdaClient client(AwsCredentials credentials) {
		return LambdaClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

	/** Verifies at the moment the request arrived. */
	private SigV4Verifier verifier(Received request) {
		return SigV4Verifier.builder(this.credentials)
			.clock(Clock.fixed(request.at(), ZoneOffset.UTC))
			.service("lambda")
			.build();
	}

	private void answer(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		RequestHeaders.Builder headers = RequestHeaders.builder();
		exchange.getRequestHeaders().forEach((name, values) -> values.forEach((value) -> headers.add(name, value)));
		URI uri = exchange.getRequestURI();
		this.received.add(new Received(new SignedRequest(exchange.getRequestMethod(), uri.getRawPath(),
				uri.getRawQuery(), headers.build(), Payload.of(body)), Instant.now()));
		String path = uri.getRawPath();
		byte[] answer = (path.endsWith("/invocations") ? "{\"ok\":true}"
				: "{\"FunctionName\":\"fn\",\"FunctionArn\":\"" + FUNCTION_ARN + "\",\"Runtime\":\"java21\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("x-amzn-RequestId", "7d1c0f6a-0000-4000-8000-000000000000");
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	private record Received(SignedRequest request, Instant at) {
	}

}
