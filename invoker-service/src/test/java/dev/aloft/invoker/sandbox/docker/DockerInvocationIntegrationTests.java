package dev.aloft.invoker.sandbox.docker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole invoker with the docker backend: a Python function runs in a container of the
 * configured runtime image, pulls its events from the invoker's Runtime API over the
 * host's loopback, and its output reaches the log tail.
 */
@TestPropertySource(
		properties = { "aloft.invoker.sandbox.backend=docker", "aloft.invoker.instance-id=invoker-docker-it",
				"aloft.invoker.sandbox.docker.images.python3.11=" + DockerInvocationIntegrationTests.IMAGE })
class DockerInvocationIntegrationTests extends InvokerIntegrationSupport {

	static final String IMAGE = "aloft/runtime-python:local";

	private static final byte[] APP = FunctionCode.python("app", """
			import os

			print("initialising in a container")
			count = 0


			def handler(event, context):
			    global count
			    count += 1
			    if event.get("megabytes"):
			        hoard = b"x" * (event["megabytes"] * 1024 * 1024)
			        return len(hoard)
			    print("handling " + context.aws_request_id)
			    writable = []
			    for path in ["/tmp/probe", "/var/task/probe", "/probe"]:
			        try:
			            open(path, "w").write("x")
			            writable.append(path)
			        except OSError:
			            pass
			    return {"count": count, "cwd": os.getcwd(), "taskRoot": os.environ["LAMBDA_TASK_ROOT"],
			            "writable": writable,
			            "greeting": os.environ.get("GREETING")}
			""");

	@BeforeAll
	static void requireDocker() {
		DockerSandboxBackendContractIntegrationTests.requireEngineAndImage(
				new DockerSandboxBackend(new DockerSandboxOptions(DockerSandboxBackendContractIntegrationTests.SOCKET,
						Map.of(), "", "", "host")),
				new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET));
	}

	@Test
	void aPythonFunctionRunsInAContainerAndStaysWarm() {
		FunctionVersionConfig function = deploy("docker-app", "python3.11", "app.handler", 10,
				Map.of("GREETING", "hello"), APP);

		List<JsonNode> results = IntStream.range(0, 2).mapToObj((i) -> invoke(function, "{}")).map((invoked) -> {
			assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
			assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("SUCCESS");
			return invoked.json();
		}).toList();

		assertThat(results).extracting((result) -> result.get("count").asInt()).containsExactly(1, 2);
		JsonNode result = results.get(0);
		assertThat(result.get("cwd").asString()).isEqualTo("/var/task");
		assertThat(result.get("taskRoot").asString()).isEqualTo("/var/task");
		assertThat(result.get("greeting").asString()).isEqualTo("hello");
		assertThat(result.get("writable").toString()).isEqualTo("[\"/tmp/probe\"]");
		String filters = "{\"label\":[\"aloft.function=default/docker-app\",\"aloft.instance=invoker-docker-it\"]}";
		assertThat(new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET)
			.call("GET", "/containers/json?filters=" + DockerEngine.encode(filters), null)
			.body()).as("the environment's running container").contains("\"aloft.version\":\"$LATEST\"");
	}

	@Test
	void theLogTailHoldsTheContainersOutput() {
		FunctionVersionConfig function = deploy("docker-tail", "python3.11", "app.handler", 10, Map.of(), APP);

		InvokerIntegrationSupport.Invoked invoked = invoke(function, "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		String log = new String(Base64.getDecoder().decode(invoked.header(InvokerApi.LOG_RESULT)),
				StandardCharsets.UTF_8);
		// The init's output travels through the engine's log stream, which can deliver it
		// after the invoker has written START; the handler's output is drained before
		// END.
		assertThat(log).contains("initialising in a container")
			.containsSubsequence("START RequestId: " + invoked.requestId(), "handling " + invoked.requestId(),
					"END RequestId: " + invoked.requestId(), "REPORT RequestId: " + invoked.requestId());
	}

	@Test
	void memoryPastTheFunctionsSizeEndsTheContainerAsAnExitError() {
		FunctionVersionConfig function = deploy("docker-hog", "python3.11", "app.handler", 10, Map.of(), APP);

		InvokerIntegrationSupport.Invoked invoked = invoke(function, "{\"megabytes\":400}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.json().get("errorType").asString()).isEqualTo("Runtime.ExitError");
		assertThat(invoke(function, "{}").json().get("count").asInt()).as("a new environment").isEqualTo(1);
	}

}
