package dev.aloft.invoker.sandbox.docker;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.pool.EnvironmentPool;
import dev.aloft.invoker.runtime.RuntimeCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pre-started runtimes on the docker backend: the invoker keeps a Python and a Node.js
 * container of 128 MB booted in the family's image, with an empty task root of its own
 * mounted at {@code /var/task}; a cold start takes it, puts the function's code into that
 * task root and hands it the function's variables, and it is that function's from then
 * on.
 */
@TestPropertySource(
		properties = { "aloft.invoker.sandbox.backend=docker", "aloft.invoker.instance-id=invoker-docker-prestart-it",
				"aloft.invoker.sandbox.docker.images.python=" + DockerInvocationIntegrationTests.IMAGE,
				"aloft.invoker.sandbox.docker.images.nodejs=" + DockerPrestartedIntegrationTests.NODE_IMAGE })
class DockerPrestartedIntegrationTests extends InvokerIntegrationSupport {

	/** The Node.js image {@code .ci/start-docker} builds from the machine's node. */
	static final String NODE_IMAGE = "aloft/runtime-nodejs:local";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String APP = """
			import os
			import uuid

			print("initialising " + os.environ["AWS_LAMBDA_FUNCTION_NAME"])
			INIT_CWD = os.getcwd()
			INSTANCE = str(uuid.uuid4())


			def handler(event, context):
			    with open("data/greeting.txt") as greeting:
			        text = greeting.read()
			    return {
			        "instance": INSTANCE,
			        "environment": dict(os.environ),
			        "cwd": os.getcwd(),
			        "initCwd": INIT_CWD,
			        "greeting": text,
			        "functionName": context.function_name,
			        "memory": context.memory_limit_in_mb,
			    }
			""";

	private static final String NODE_APP = """
			const fs = require("fs");

			console.log("initialising " + process.env.AWS_LAMBDA_FUNCTION_NAME);
			const INIT_CWD = process.cwd();

			exports.handler = async (event, context) => ({
			  environment: process.env,
			  cwd: process.cwd(),
			  initCwd: INIT_CWD,
			  greeting: fs.readFileSync("data/greeting.txt", "utf8"),
			  functionName: context.functionName,
			});
			""";

	@Autowired
	EnvironmentPool pool;

	@BeforeAll
	static void requireDocker() {
		DockerSandboxBackendContractIntegrationTests.requireEngineAndImage(
				new DockerSandboxBackend(new DockerSandboxOptions(DockerSandboxBackendContractIntegrationTests.SOCKET,
						Map.of(), "", "", "host")),
				new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET));
		if (!new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET)
			.call("GET", "/images/" + NODE_IMAGE + "/json", null)
			.ok()) {
			throw new IllegalStateException("These tests need the image " + NODE_IMAGE
					+ ", which .ci/start-docker builds: run .ci/start-docker");
		}
	}

	@Test
	void aPythonColdStartTakesAPrestartedContainer() {
		FunctionVersionConfig function = python("docker-pre", Map.of("ONLY_HERE", "py-value"), "hello from the zip");
		awaitReady();
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).as("taken from the pre-started pool").isEqualTo(hits + 1);
		JsonNode answer = invoked.json();
		Map<String, String> environment = environment(answer);
		assertThat(environment).containsEntry("ONLY_HERE", "py-value")
			.containsEntry("AWS_LAMBDA_FUNCTION_NAME", function.functionName())
			.containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")
			.containsEntry("LAMBDA_TASK_ROOT", "/var/task")
			.containsEntry("TMPDIR", "/tmp")
			.containsEntry("HOME", "/tmp");
		assertThat(answer.get("cwd").asString()).isEqualTo("/var/task");
		assertThat(answer.get("initCwd").asString()).isEqualTo("/var/task");
		assertThat(answer.get("greeting").asString()).as("a file relative to the task root")
			.isEqualTo("hello from the zip");
		assertThat(answer.get("functionName").asString()).isEqualTo(function.functionName());
		assertThat(answer.get("memory").asInt()).isEqualTo(128);
		assertThat(logTail(invoked)).contains("initialising " + function.functionName())
			.containsPattern("REPORT RequestId: " + invoked.requestId() + ".*\tInit Duration: \\d+\\.\\d\\d ms\t");
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.PYTHON) >= 1);
	}

	@Test
	void aNodeColdStartTakesAPrestartedContainer() {
		byte[] zip = FunctionCode.zip(Map.of("index.js", NODE_APP, "data/greeting.txt", "hello from node"), Set.of());
		FunctionVersionConfig function = deploy("docker-node-" + UUID.randomUUID(), "nodejs20.x", "index.handler", 10,
				Map.of("ONLY_IN_NODE", "node-value"), zip);
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.NODEJS) >= 1);
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).as("taken from the pre-started pool").isEqualTo(hits + 1);
		JsonNode answer = invoked.json();
		assertThat(environment(answer)).containsEntry("ONLY_IN_NODE", "node-value")
			.containsEntry("AWS_LAMBDA_FUNCTION_NAME", function.functionName())
			.containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x")
			.containsEntry("LAMBDA_TASK_ROOT", "/var/task");
		assertThat(answer.get("cwd").asString()).isEqualTo("/var/task");
		assertThat(answer.get("initCwd").asString()).isEqualTo("/var/task");
		assertThat(answer.get("greeting").asString()).as("a file relative to the task root")
			.isEqualTo("hello from node");
		assertThat(answer.get("functionName").asString()).isEqualTo(function.functionName());
		assertThat(logTail(invoked)).contains("initialising " + function.functionName())
			.containsPattern("REPORT RequestId: " + invoked.requestId() + ".*\tInit Duration: \\d+\\.\\d\\d ms\t");
	}

	@Test
	void aPrestartedContainerIsConfinedAsAnyOther() {
		awaitReady();
		// The Python one: the Node.js family has its own.
		String filters = "{\"label\":[\"aloft.function=aloft/prestarted\",\"aloft.version=python\","
				+ "\"aloft.instance=invoker-docker-prestart-it\"]}";
		DockerEngine engine = new DockerEngine(DockerSandboxBackendContractIntegrationTests.SOCKET);
		JsonNode containers = engine
			.parse(engine.call("GET", "/containers/json?filters=" + DockerEngine.encode(filters), null));
		assertThat(containers).isNotEmpty();
		String id = containers.get(0).path("Id").asString();
		JsonNode inspected = engine.parse(engine.call("GET", "/containers/" + id + "/json", null));
		JsonNode host = inspected.path("HostConfig");
		assertThat(inspected.path("Config").path("Image").asString()).isEqualTo(DockerInvocationIntegrationTests.IMAGE);
		assertThat(host.path("Memory").asLong()).isEqualTo(128L * 1024 * 1024);
		assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
		assertThat(host.path("CapDrop").toString()).contains("ALL");
		assertThat(host.path("NetworkMode").asString()).isEqualTo("host");
		assertThat(host.path("Binds").toString()).contains(":/var/task:ro");
		assertThat(inspected.path("Config").path("Labels").path("aloft.version").asString())
			.isEqualTo(RuntimeCatalog.PYTHON);
	}

	@Test
	void aContainerGivenToAFunctionNeverServesAnother() {
		FunctionVersionConfig first = python("docker-first", Map.of("FIRST_ONLY", "1"), "first");
		FunctionVersionConfig second = python("docker-second", Map.of("SECOND_ONLY", "2"), "second");
		awaitReady();
		long hits = this.pool.prestartedHits();

		JsonNode firstAnswer = invokeWithTail(first).json();
		awaitReady();
		JsonNode secondAnswer = invokeWithTail(second).json();
		JsonNode firstAgain = invokeWithTail(first).json();

		assertThat(this.pool.prestartedHits()).as("both cold starts took a pre-started container").isEqualTo(hits + 2);
		assertThat(secondAnswer.get("instance").asString()).isNotEqualTo(firstAnswer.get("instance").asString());
		assertThat(firstAgain.get("instance").asString()).as("warm: the first function's own container")
			.isEqualTo(firstAnswer.get("instance").asString());
		assertThat(environment(secondAnswer)).containsEntry("SECOND_ONLY", "2").doesNotContainKey("FIRST_ONLY");
		assertThat(environment(firstAgain)).containsEntry("FIRST_ONLY", "1").doesNotContainKey("SECOND_ONLY");
		assertThat(secondAnswer.get("greeting").asString()).isEqualTo("second");
		assertThat(firstAgain.get("greeting").asString()).isEqualTo("first");
	}

	@Test
	void aFunctionThatChangesHowPythonBootsStartsItsOwnContainer() {
		FunctionVersionConfig function = python("docker-own", Map.of("PYTHONDONTWRITEBYTECODE", "1"), "own");
		awaitReady();
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).isEqualTo(hits);
		assertThat(invoked.json().get("greeting").asString()).isEqualTo("own");
	}

	private void awaitReady() {
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.PYTHON) >= 1);
	}

	private static FunctionVersionConfig python(String prefix, Map<String, String> environment, String greeting) {
		byte[] zip = FunctionCode.zip(Map.of("app.py", APP, "data/greeting.txt", greeting), Set.of());
		return deploy(prefix + "-" + UUID.randomUUID(), "python3.11", "app.handler", 10, environment, zip);
	}

}
