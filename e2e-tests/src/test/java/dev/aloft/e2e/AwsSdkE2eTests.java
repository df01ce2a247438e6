package dev.aloft.e2e;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An AWS SDK user's whole journey through one endpoint, the gateway: the management calls
 * are forwarded to the control plane, invocations run on the invoker, an {@code Event}
 * invocation goes through the event router, and its record comes back to the control
 * plane.
 */
class AwsSdkE2eTests {

	private static final String HANDLER_SOURCE = """
			import json

			def handler(event, context):
			    print("handling", json.dumps(event))
			    return {"echo": event, "function": context.function_name, "version": context.function_version}
			""";

	@TempDir
	Path dataDirectory;

	private final int gatewayPort = Ports.free();

	private final int controlPlanePort = Ports.free();

	private final int invokerPort = Ports.free();

	private final int routerPort = Ports.free();

	private final int runtimeApiPort = Ports.free();

	@Test
	void deploysInvokesAndDeletesAFunctionWithTheSdkThroughTheGateway() throws Exception {
		byte[] zip = AloftClient.zip("app.py", HANDLER_SOURCE);
		try (AloftProcess platform = start(); LambdaClient lambda = lambda()) {
			CreateFunctionResponse created = lambda.createFunction((request) -> request.functionName("echo")
				.runtime(Runtime.PYTHON3_11)
				.handler("app.handler")
				.role("arn:aws:iam::000000000000:role/aloft")
				.code((code) -> code.zipFile(SdkBytes.fromByteArray(zip))));
			assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:echo");
			assertThat(lambda.listFunctions().functions()).extracting((function) -> function.functionName())
				.contains("echo");
			String version = lambda.publishVersion((request) -> request.functionName("echo")).version();
			assertThat(version).isEqualTo("1");

			InvokeResponse sync = lambda.invoke((request) -> request.functionName("echo")
				.qualifier(version)
				.logType(LogType.TAIL)
				.payload(SdkBytes.fromUtf8String("{\"hello\":\"sdk\"}")));
			assertThat(sync.statusCode()).isEqualTo(200);
			assertThat(sync.executedVersion()).isEqualTo("1");
			JsonNode result = AloftClient.JSON.readTree(sync.payload().asUtf8String());
			assertThat(result.get("echo").get("hello").asString()).isEqualTo("sdk");
			assertThat(result.get("version").asString()).isEqualTo("1");
			assertThat(new String(Base64.getDecoder().decode(sync.logResult()), StandardCharsets.UTF_8))
				.contains("handling {\"hello\": \"sdk\"}")
				.contains("REPORT RequestId: " + sync.responseMetadata().requestId());

			InvokeResponse queued = lambda.invoke((request) -> request.functionName("echo")
				.invocationType(InvocationType.EVENT)
				.payload(SdkBytes.fromUtf8String("{\"hello\":\"later\"}")));
			assertThat(queued.statusCode()).isEqualTo(202);
			String asyncRequestId = queued.responseMetadata().requestId();
			AloftClient client = new AloftClient(url(this.controlPlanePort), url(this.gatewayPort));
			await("the event invocation ran and its record reached the control plane").atMost(Duration.ofSeconds(60))
				.until(() -> client
					.controlPlaneGet("/v1/namespaces/default/functions/echo/invocations/" + asyncRequestId)
					.statusCode() == 200);

			lambda.deleteFunction((request) -> request.functionName("echo"));
			assertThatExceptionOfType(ResourceNotFoundException.class)
				.isThrownBy(() -> lambda.invoke((request) -> request.functionName("echo")));
			assertThat(platform.pid()).isPositive();
		}
	}

	private LambdaClient lambda() {
		return LambdaClient.builder()
			.endpointOverride(URI.create(url(this.gatewayPort)))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
				.create(System.getenv("ALOFT_ADMIN_ACCESS_KEY_ID"), System.getenv("ALOFT_ADMIN_SECRET_ACCESS_KEY"))))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.apiCallTimeout(Duration.ofSeconds(60)))
			.build();
	}

	private AloftProcess start() throws Exception {
		return AloftProcess
			.start("standalone", "aloft.e2e.standalone-jar",
					List.of("--aloft.standalone.data-directory=" + this.dataDirectory,
							"--aloft.standalone.gateway-port=" + this.gatewayPort,
							"--aloft.standalone.control-plane-port=" + this.controlPlanePort,
							"--aloft.standalone.invoker-port=" + this.invokerPort,
							"--aloft.standalone.event-router-port=" + this.routerPort,
							"--aloft.standalone.runtime-api-port=" + this.runtimeApiPort),
					Map.of())
			.awaitReady(StandaloneE2eTests.readiness(this.controlPlanePort),
					StandaloneE2eTests.readiness(this.invokerPort), StandaloneE2eTests.readiness(this.routerPort),
					StandaloneE2eTests.readiness(this.gatewayPort));
	}

	private static String url(int port) {
		return StandaloneE2eTests.url(port);
	}

}
