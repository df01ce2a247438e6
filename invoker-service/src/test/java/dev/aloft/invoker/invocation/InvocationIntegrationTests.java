package dev.aloft.invoker.invocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal invoke API end to end: real Python and {@code provided} runtimes in
 * process sandboxes, driven over HTTP as the gateway drives them.
 */
class InvocationIntegrationTests extends InvokerIntegrationSupport {

	@Autowired
	private MeterRegistry meterRegistry;

	private static final int SIX_MIB = 6 * 1024 * 1024;

	/** Lambda's buffered response limit. */
	private static final int MAX_RESPONSE_BYTES = SIX_MIB + 100;

	private static final String APP = """
			import json
			import os
			import sys
			import time

			print("initialising app")
			count = 0


			def handler(event, context):
			    global count
			    count += 1
			    if isinstance(event, str):
			        return {"length": len(event)}
			    action = event.get("action")
			    if action == "greet":
			        return {"message": "hello " + event["name"]}
			    if action == "raise":
			        raise ValueError("handler failed on purpose")
			    if action == "sleep":
			        time.sleep(event["seconds"])
			    if action == "exit":
			        sys.stdout.flush()
			        os._exit(event["code"])
			    if action == "print":
			        for line in event["lines"]:
			            print(line)
			    if action == "environment":
			        return dict(os.environ)
			    if action == "big":
			        return "x" * event["size"]
			    custom = context.client_context.custom if context.client_context else None
			    return {
			        "count": count,
			        "pid": os.getpid(),
			        "requestId": context.aws_request_id,
			        "invokedFunctionArn": context.invoked_function_arn,
			        "traceId": os.environ.get("_X_AMZN_TRACE_ID"),
			        "clientContext": custom,
			        "remainingMillisPositive": context.get_remaining_time_in_millis() > 0,
			    }
			""";

	private static final byte[] APP_ZIP = FunctionCode.python("app", APP);

	/** The custom runtime of AWS's tutorial, as published, with bash named explicitly. */
	private static final String TUTORIAL_BOOTSTRAP = """
			#!/bin/bash
			set -euo pipefail

			# Initialization - load function handler
			source $LAMBDA_TASK_ROOT/"$(echo $_HANDLER | cut -d. -f1).sh"

			# Processing
			while true
			do
			  HEADERS="$(mktemp)"
			  # Get an event. The HTTP request will block until one is received
			  EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")

			  # Extract request ID by scraping response headers received above
			  REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)

			  # Run the function handler
			  RESPONSE=$($(echo "$_HANDLER" | cut -d. -f2) "$EVENT_DATA")

			  # Send the response
			  curl "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response"  -d "$RESPONSE"
			done
			""";

	private static final String TUTORIAL_FUNCTION = """
			function handler () {
			  EVENT_DATA=$1
			  echo "$EVENT_DATA" 1>&2;
			  RESPONSE="Echoing request: '$EVENT_DATA'"

			  echo $RESPONSE
			}
			""";

	private static FunctionVersionConfig python(String name) {
		return deploy(name, "python3.11", "app.handler", 3, Map.of(), APP_ZIP);
	}

	@Test
	void httpServerMetricsCountTheInvokeApiButNotTheRuntimeApi() {
		FunctionVersionConfig function = python("observed");

		assertThat(invoke(function, "{}").status()).isEqualTo(200);

		List<String> uris = this.meterRegistry.find("http.server.requests")
			.meters()
			.stream()
			.map((meter) -> meter.getId().getTag("uri"))
			.toList();
		assertThat(uris).contains(InvokerApi.INVOKE_PATH);
		assertThat(uris).noneMatch((uri) -> uri != null && uri.contains("/runtime/"));
	}

	@Test
	void pythonFunctionAnswersItsResult() {
		FunctionVersionConfig function = python("greeter");

		Invoked invoked = invoke(function, "{\"action\":\"greet\",\"name\":\"world\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.text()).isEqualTo("{\"message\": \"hello world\"}");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
		assertThat(invoked.header(InvokerApi.EXECUTED_VERSION)).isEqualTo("$LATEST");
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isNull();
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isNull();
		assertThat(invoked.header(InvokerApi.LOG_RESULT)).isNull();
		assertThat(invoked.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void warmEnvironmentIsReused() {
		FunctionVersionConfig function = python("counter");

		List<JsonNode> results = IntStream.range(0, 3).mapToObj((i) -> invoke(function, "{}").json()).toList();

		assertThat(results).extracting((result) -> result.get("count").asInt()).containsExactly(1, 2, 3);
		assertThat(results).extracting((result) -> result.get("pid").asLong())
			.containsOnly(results.get(0).get("pid").asLong());
	}

	@Test
	void runtimeReceivesRequestIdArnTraceAndClientContext() {
		FunctionVersionConfig function = python("context");
		String arn = "arn:aws:lambda:us-east-1:000000000000:function:context:live";

		Invoked invoked = invoke(function, "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.INVOKED_FUNCTION_ARN, arn, InvokerApi.TRACE_ID,
						"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
						InvokerApi.CLIENT_CONTEXT, "{\"custom\":{\"tenant\":\"blue\"}}"));

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		JsonNode result = invoked.json();
		assertThat(result.get("requestId").asString()).isEqualTo(invoked.requestId());
		assertThat(result.get("invokedFunctionArn").asString()).isEqualTo(arn);
		assertThat(result.get("traceId").asString())
			.isEqualTo("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
		assertThat(result.get("clientContext").get("tenant").asString()).isEqualTo("blue");
		assertThat(result.get("remainingMillisPositive").asBoolean()).isTrue();
	}

	@Test
	void handlerErrorIsAnUnhandledFunctionError() {
		FunctionVersionConfig function = python("raiser");

		Invoked invoked = invoke(function, "{\"action\":\"raise\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("ValueError");
		JsonNode error = invoked.json();
		assertThat(error.get("errorType").asString()).isEqualTo("ValueError");
		assertThat(error.get("errorMessage").asString()).isEqualTo("handler failed on purpose");
		assertThat(error.get("requestId").asString()).isEqualTo(invoked.requestId());
		assertThat(error.get("stackTrace").isArray()).isTrue();
		assertThat(error.get("stackTrace").toString()).contains("app.py").contains("handler failed on purpose");
		// The environment survives a handled error.
		assertThat(invoke(function, "{}").json().get("count").asInt()).isEqualTo(2);
	}

	@Test
	void timeoutEndsTheInvocationAndReplacesTheEnvironment() {
		FunctionVersionConfig function = deploy("sleeper", "python3.11", "app.handler", 1, Map.of(), APP_ZIP);

		Invoked invoked = invoke(function, "{\"action\":\"sleep\",\"seconds\":5}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Sandbox.Timedout");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_FAILURE");
		assertThat(invoked.text()).isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: "
				+ invoked.requestId() + " Error: Task timed out after 1.00 seconds\"}");

		Invoked next = invoke(function, "{}");
		assertThat(next.status()).as(next.toString()).isEqualTo(200);
		assertThat(next.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
		assertThat(next.json().get("count").asInt()).as("a fresh environment").isEqualTo(1);
	}

	@Test
	void crashMidInvocationIsAnExitErrorAndTheNextInvocationWorks() {
		FunctionVersionConfig function = python("crasher");
		long crashedPid = invoke(function, "{}").json().get("pid").asLong();

		Invoked invoked = invoke(function, "{\"action\":\"exit\",\"code\":3}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Runtime.ExitError");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_FAILURE");
		assertThat(invoked.text()).isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: "
				+ invoked.requestId() + " Error: Runtime exited with error: exit status 3\"}");

		JsonNode next = invoke(function, "{}").json();
		assertThat(next.get("count").asInt()).isEqualTo(1);
		assertThat(next.get("pid").asLong()).isNotEqualTo(crashedPid);
	}

	@Test
	void cleanExitMidInvocationHasNoReason() {
		FunctionVersionConfig function = python("quitter");

		Invoked invoked = invoke(function, "{\"action\":\"exit\",\"code\":0}");

		assertThat(invoked.text()).isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: "
				+ invoked.requestId() + " Error: Runtime exited without providing a reason\"}");
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
	}

	@Test
	void initErrorAnswersTheInvocationThatWaitedForIt() {
		FunctionVersionConfig function = deploy("broken", "python3.11", "broken.handler", 3, Map.of(), FunctionCode
			.python("broken", "raise Exception(\"boom at init\")\n\ndef handler(event, context):\n    return 1\n"));

		for (int i = 0; i < 2; i++) {
			Invoked invoked = invoke(function, "{}");

			assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
			assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
			assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_FAILURE");
			JsonNode error = invoked.json();
			assertThat(error.get("errorType").asString()).isEqualTo("Exception");
			assertThat(error.get("errorMessage").asString()).isEqualTo("boom at init");
			assertThat(error.get("stackTrace").toString()).contains("broken.py");
		}
	}

	@Test
	void missingHandlerIsAnInitError() {
		FunctionVersionConfig function = deploy("no-handler", "python3.11", "app.nothing", 3, Map.of(), APP_ZIP);

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.json().get("errorType").asString()).isEqualTo("Runtime.HandlerNotFound");
	}

	@Test
	void unknownFunctionVersionIsNotFoundAfterWaitingForTheCallersRevision() {
		Invoked invoked = invokeAsync(NAMESPACE, "no-such-function", "$LATEST", "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.CONFIG_REVISION, Long.toString(CONTROL_PLANE.revision() + 1000)))
			.join();

		JsonNode problem = assertProblem(invoked, 404, "FUNCTION_VERSION_NOT_FOUND");
		assertThat(problem.get("detail").asString()).contains("default/no-such-function:$LATEST");
		assertThat(problem.get("retryable").asBoolean()).isFalse();
		assertThat(problem.get("type").asString())
			.isEqualTo("https://docs.aloft.dev/problems/function-version-not-found");
	}

	@Test
	void unknownVersionOfAKnownFunctionIsNotFound() {
		FunctionVersionConfig function = python("versioned");

		Invoked invoked = invokeAsync(NAMESPACE, function.functionName(), "7", "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.CONFIG_REVISION, "0"))
			.join();

		assertProblem(invoked, 404, "FUNCTION_VERSION_NOT_FOUND");
	}

	@Test
	void functionDeployedWhileRunningIsFoundAtTheCallersRevision() {
		FunctionVersionConfig function = python("late-arrival");

		// The header carries the revision the deployment reached; the invoker waits for
		// it.
		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.json().get("count").asInt()).isEqualTo(1);
	}

	@Test
	void payloadOverSixMebibytesIsRefused() {
		FunctionVersionConfig function = python("large-payload");

		Invoked invoked = invoke(function, jsonString(SIX_MIB + 1), Map.of());

		JsonNode problem = assertProblem(invoked, 413, "PAYLOAD_TOO_LARGE");
		assertThat(problem.get("status").asInt()).isEqualTo(413);
	}

	@Test
	void payloadOfExactlySixMebibytesRuns() {
		FunctionVersionConfig function = python("max-payload");

		Invoked invoked = invoke(function, jsonString(SIX_MIB), Map.of());

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.json().get("length").asInt()).isEqualTo(SIX_MIB - 2);
	}

	@Test
	void responseOverTheLimitIsResponseSizeTooLarge() {
		FunctionVersionConfig function = python("big-response");

		// A JSON string of n characters encodes to n + 2 bytes.
		Invoked atLimit = invoke(function, "{\"action\":\"big\",\"size\":" + (MAX_RESPONSE_BYTES - 2) + "}");
		assertThat(atLimit.status()).isEqualTo(200);
		assertThat(atLimit.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
		assertThat(atLimit.body()).hasSize(MAX_RESPONSE_BYTES);

		Invoked invoked = invoke(function, "{\"action\":\"big\",\"size\":" + (MAX_RESPONSE_BYTES - 1) + "}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Function.ResponseSizeTooLarge");
		assertThat(invoked.text()).isEqualTo(
				"{\"errorType\":\"Function.ResponseSizeTooLarge\",\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (6291556 bytes).\"}");

		Invoked next = invoke(function, "{}");
		assertThat(next.status()).as(next.toString()).isEqualTo(200);
		assertThat(next.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
	}

	@Test
	void logTailHasStartHandlerOutputEndAndReport() {
		FunctionVersionConfig function = python("tail");
		Map<String, String> tail = Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL);
		byte[] print = "{\"action\":\"print\",\"lines\":[\"hello from the handler\"]}".getBytes(StandardCharsets.UTF_8);

		Invoked cold = invoke(function, print, tail);

		assertThat(cold.status()).as(cold.toString()).isEqualTo(200);
		String coldLog = logResult(cold);
		assertThat(coldLog).containsSubsequence("initialising app", "START RequestId: " + cold.requestId(),
				"hello from the handler", "END RequestId: " + cold.requestId(),
				"REPORT RequestId: " + cold.requestId());
		assertThat(reportLine(coldLog)).contains("Duration: ", "Billed Duration: ", "Memory Size: 128 MB",
				"Max Memory Used: ", "Init Duration: ");

		Invoked warm = invoke(function, print, tail);

		String warmLog = logResult(warm);
		assertThat(warmLog).containsSubsequence("START RequestId: " + warm.requestId(), "hello from the handler",
				"END RequestId: " + warm.requestId(), "REPORT RequestId: " + warm.requestId());
		assertThat(warmLog).doesNotContain("initialising app").doesNotContain(cold.requestId());
		assertThat(reportLine(warmLog)).contains("Duration: ", "Billed Duration: ", "Memory Size: 128 MB")
			.doesNotContain("Init Duration");

		assertThat(invoke(function, new String(print, StandardCharsets.UTF_8)).header(InvokerApi.LOG_RESULT))
			.as("no tail unless asked")
			.isNull();
	}

	@Test
	void logTailKeepsTheLast4Kb() {
		FunctionVersionConfig function = python("long-log");
		List<String> lines = IntStream.range(0, 300)
			.mapToObj((i) -> String.format("line %03d %s", i, "z".repeat(60)))
			.toList();
		String payload = "{\"action\":\"print\",\"lines\":[\"" + String.join("\",\"", lines) + "\"]}";

		Invoked invoked = invoke(function, payload.getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));

		byte[] tail = Base64.getDecoder().decode(invoked.header(InvokerApi.LOG_RESULT));
		String log = new String(tail, StandardCharsets.UTF_8);
		assertThat(tail.length).isLessThanOrEqualTo(4096);
		assertThat(log).doesNotContain(lines.get(0)).doesNotContain("START RequestId");
		assertThat(log).containsSubsequence(lines.get(298), lines.get(299), "END RequestId: " + invoked.requestId(),
				"REPORT RequestId: " + invoked.requestId());
	}

	@Test
	void fiftyConcurrentInvocationsAllSucceed() {
		byte[] zip = FunctionCode.python("app", "# parallel\n" + APP);
		FunctionVersionConfig function = deploy("parallel", "python3.11", "app.handler", 30, Map.of(), zip);
		byte[] payload = "{\"action\":\"sleep\",\"seconds\":0.2}".getBytes(StandardCharsets.UTF_8);

		List<CompletableFuture<Invoked>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			calls.add(invokeAsync(function, payload, Map.of()));
		}
		List<Invoked> results = calls.stream().map(CompletableFuture::join).toList();

		Set<String> requestIds = new HashSet<>();
		Set<Long> pids = new HashSet<>();
		for (Invoked invoked : results) {
			assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
			assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked.toString()).isEqualTo("SUCCESS");
			JsonNode result = invoked.json();
			assertThat(result.get("requestId").asString()).isEqualTo(invoked.requestId());
			requestIds.add(result.get("requestId").asString());
			pids.add(result.get("pid").asLong());
		}
		assertThat(requestIds).hasSize(50);
		assertThat(pids).as("environments ran side by side").hasSizeGreaterThan(1);
		assertThat(CONTROL_PLANE.codeDownloads(function.codeSha256())).as("one download for all environments")
			.isEqualTo(1);
	}

	@Test
	void functionSeesItsOwnEnvironmentAndNothingOfTheInvokers() {
		FunctionVersionConfig function = deploy("environment", "python3.11", "app.handler", 3,
				Map.of("GREETING", "hello world", "STAGE", "test"), APP_ZIP);

		Invoked invoked = invoke(function, "{\"action\":\"environment\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		Map<String, String> environment = new HashMap<>();
		invoked.json().properties().forEach((entry) -> environment.put(entry.getKey(), entry.getValue().asString()));
		assertThat(environment).containsEntry("GREETING", "hello world")
			.containsEntry("STAGE", "test")
			.containsEntry("AWS_LAMBDA_FUNCTION_NAME", "environment")
			.containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
			.containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
			.containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/environment")
			.containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
			.containsEntry("AWS_REGION", "us-east-1")
			.containsEntry("AWS_DEFAULT_REGION", "us-east-1")
			.containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")
			.containsEntry("_HANDLER", "app.handler")
			.containsEntry("TZ", ":UTC")
			.containsEntry("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin")
			.containsEntry("LAMBDA_TASK_ROOT",
					workDirectory().resolve("code").resolve(function.codeSha256()).toString());
		assertThat(environment.get("AWS_LAMBDA_RUNTIME_API")).matches("127\\.0\\.0\\.1:\\d+/[0-9a-f]{32}");
		assertThat(environment.get("AWS_LAMBDA_LOG_STREAM_NAME"))
			.matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}");
		Path tmp = Path.of(environment.get("TMPDIR"));
		assertThat(tmp).startsWith(workDirectory().resolve("sandboxes")).endsWith(Path.of("tmp"));
		assertThat(environment.get("HOME")).isEqualTo(tmp.toString());

		// Nothing of the invoker's own environment leaks in.
		assertThat(environment).doesNotContainKey("JAVA_HOME");
		Set<String> leaked = new HashSet<>(System.getenv().keySet());
		leaked.removeAll(Set.of("PATH", "HOME", "TMPDIR", "LANG", "TZ", "LC_CTYPE"));
		assertThat(environment.keySet()).doesNotContainAnyElementsOf(leaked);
		assertThat(environment.get("HOME")).isNotEqualTo(System.getenv("HOME"));
	}

	@Test
	void secretEnvironmentVariablesArriveOpenedInTheSandboxOnly() {
		FunctionVersionConfig plain = deploy("secretive", "python3.11", "app.handler", 3, Map.of("STAGE", "test"),
				APP_ZIP);
		SecretBox box = new SecretBox(MasterKey.fromBase64(System.getenv("ALOFT_MASTER_KEY")));
		String sealed = box.seal("s3cr3t-value",
				FunctionVersionConfig.secretContext(NAMESPACE, plain.functionName(), "DB_PASSWORD"));
		// A new state of a version always has a new revision id, as the control plane
		// gives it.
		FunctionVersionConfig function = new FunctionVersionConfig(plain.namespace(), plain.functionName(),
				plain.version(), UUID.randomUUID().toString(), plain.runtime(), plain.handler(), plain.memoryMb(),
				plain.timeoutSeconds(), plain.ephemeralStorageMb(), plain.environment(), Map.of("DB_PASSWORD", sealed),
				plain.codeSha256(), plain.codeSizeBytes());
		CONTROL_PLANE.put(function, APP_ZIP);

		Invoked invoked = invoke(function, "{\"action\":\"environment\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.json().get("DB_PASSWORD").asString()).isEqualTo("s3cr3t-value");
		assertThat(invoked.json().get("STAGE").asString()).isEqualTo("test");
	}

	@Test
	void providedRuntimeFromTheAwsTutorialWorksUnchanged() {
		FunctionVersionConfig function = deploy("tutorial", "provided.al2023", "function.handler", 5, Map.of(),
				FunctionCode.provided(TUTORIAL_BOOTSTRAP, Map.of("function.sh", TUTORIAL_FUNCTION)));

		for (String name : List.of("first", "second")) {
			Invoked invoked = invoke(function, ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8),
					Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));

			assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
			assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked.toString()).isEqualTo("SUCCESS");
			assertThat(invoked.text()).isEqualTo("Echoing request: '{\"name\":\"" + name + "\"}'");
			assertThat(logResult(invoked)).contains("{\"name\":\"" + name + "\"}");
		}
	}

	@Test
	void unsupportedRuntimeIsAnsweredAsAnEnvironmentThatDidNotStart() {
		FunctionVersionConfig function = deploy("cobol", "cobol85", "app.handler", 3, Map.of(), APP_ZIP);

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(502);
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("Aloft.StartFailed");
		assertThat(invoked.header("Content-Type")).startsWith("application/problem+json");
	}

	/**
	 * Lines a handler prints before it returns belong to its invocation: the runtime
	 * wrote them before it posted the response. Repeated, because losing them is a race
	 * between the sandbox's output reader and the {@code /response} request.
	 */
	@Test
	void handlerOutputAlwaysReachesItsOwnTail() {
		FunctionVersionConfig function = python("tail-race");
		for (int i = 0; i < 50; i++) {
			String marker = "invocation-" + i;
			List<String> lines = IntStream.range(0, 20).mapToObj((line) -> marker + " line " + line).toList();
			String payload = "{\"action\":\"print\",\"lines\":[\"" + String.join("\",\"", lines) + "\"]}";

			Invoked invoked = invoke(function, payload.getBytes(StandardCharsets.UTF_8),
					Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));

			assertThat(logResult(invoked)).as("tail of invocation %d", i)
				.containsSubsequence("START RequestId: " + invoked.requestId(), marker + " line 0", marker + " line 19",
						"END RequestId: " + invoked.requestId())
				.doesNotContain("invocation-" + (i - 1) + " ");
		}
	}

	@Test
	void invocationWithoutARequestIdIsMalformed() {
		FunctionVersionConfig function = python("no-request-id");
		HttpRequest request = HttpRequest.newBuilder(invokeUri(NAMESPACE, function.functionName(), function.version()))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();

		HttpResponse<String> response = send(request);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("MALFORMED_REQUEST");
	}

	@Test
	void nonNumericConfigRevisionIsMalformed() {
		FunctionVersionConfig function = python("bad-revision");

		Invoked invoked = invoke(function, "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.CONFIG_REVISION, "latest"));

		assertProblem(invoked, 400, "MALFORMED_REQUEST");
	}

	private static JsonNode assertProblem(Invoked invoked, int status, String code) {
		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(status);
		assertThat(invoked.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = invoked.json();
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		return problem;
	}

	private static String logResult(Invoked invoked) {
		String header = invoked.header(InvokerApi.LOG_RESULT);
		assertThat(header).as(invoked.toString()).isNotNull();
		byte[] tail = Base64.getDecoder().decode(header);
		assertThat(tail.length).isLessThanOrEqualTo(4096);
		return new String(tail, StandardCharsets.UTF_8);
	}

	private static String reportLine(String log) {
		return log.lines().filter((line) -> line.startsWith("REPORT RequestId: ")).findFirst().orElseThrow();
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] jsonString(int totalBytes) {
		byte[] payload = new byte[totalBytes];
		Arrays.fill(payload, (byte) 'a');
		payload[0] = '"';
		payload[totalBytes - 1] = '"';
		return payload;
	}

}
