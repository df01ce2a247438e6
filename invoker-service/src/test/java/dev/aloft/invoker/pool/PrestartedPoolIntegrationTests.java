package dev.aloft.invoker.pool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.invoker.FakeControlPlane;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.runtime.RuntimeCatalog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pre-started environments on a real invoker (its defaults keep one Python and one
 * Node.js runtime of 128 MB pre-started): a cold start takes one over and runs the right
 * function with that function's environment only, reports the function's init as Lambda
 * does, the pool refills, and an environment once given to a function serves no other.
 */
class PrestartedPoolIntegrationTests extends InvokerIntegrationSupport {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * What every environment has besides its function's own variables (and Python's
	 * {@code LC_CTYPE}, which it sets itself when it coerces the C locale).
	 */
	private static final Set<String> LAMBDA_VARIABLES = Set.of("LC_CTYPE", "AWS_LAMBDA_RUNTIME_API", "_HANDLER",
			"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
			"AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_REGION",
			"AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "LAMBDA_RUNTIME_DIR", "TZ", "LANG", "PATH", "LAMBDA_TASK_ROOT",
			"TMPDIR", "HOME");

	/** Each environment's own: its secret, log stream and private directories. */
	private static final Set<String> PER_ENVIRONMENT = Set.of("AWS_LAMBDA_RUNTIME_API", "AWS_LAMBDA_LOG_STREAM_NAME",
			"AWS_LAMBDA_INITIALIZATION_TYPE", "TMPDIR", "HOME");

	private static final String PYTHON_APP = """
			import os
			import sys

			print("initialising " + os.environ["AWS_LAMBDA_FUNCTION_NAME"])
			INIT_CWD = os.getcwd()


			def handler(event, context):
			    return {
			        "pid": os.getpid(),
			        "environment": dict(os.environ),
			        "cwd": os.getcwd(),
			        "initCwd": INIT_CWD,
			        "functionName": context.function_name,
			        "memory": context.memory_limit_in_mb,
			        "logStream": context.log_stream_name,
			    }
			""";

	private static final String NODE_APP = """
			console.log("initialising " + process.env.AWS_LAMBDA_FUNCTION_NAME);
			const initCwd = process.cwd();
			exports.handler = async (event, context) => ({
			  pid: process.pid,
			  environment: { ...process.env },
			  cwd: process.cwd(),
			  initCwd,
			  functionName: context.functionName,
			  memory: context.memoryLimitInMB,
			  logStream: context.logStreamName,
			});
			""";

	@Autowired
	EnvironmentPool pool;

	@Test
	void aPythonColdStartTakesAPrestartedRuntimeAndRunsTheFunctionWithItsEnvironmentOnly() {
		FunctionVersionConfig function = python("pre-py", Map.of("ONLY_HERE", "py-value"));
		awaitReady(RuntimeCatalog.PYTHON);
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).as("taken from the pre-started pool").isEqualTo(hits + 1);
		JsonNode answer = invoked.json();
		Map<String, String> environment = environment(answer);
		assertThat(environment).containsEntry("ONLY_HERE", "py-value")
			.containsEntry("AWS_LAMBDA_FUNCTION_NAME", function.functionName())
			.containsEntry("_HANDLER", "app.handler")
			.containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")
			.containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
		assertThat(environment.keySet()).as("the function's variables and Lambda's, nothing of the invoker's")
			.isSubsetOf(union(LAMBDA_VARIABLES, Set.of("ONLY_HERE")));
		assertThat(answer.get("cwd").asString()).isEqualTo(environment.get("LAMBDA_TASK_ROOT"))
			.isEqualTo(answer.get("initCwd").asString())
			.contains("code");
		assertThat(answer.get("functionName").asString()).isEqualTo(function.functionName());
		assertThat(answer.get("memory").asInt()).isEqualTo(128);
		String log = logTail(invoked);
		assertThat(log).contains("initialising " + function.functionName())
			.containsPattern("REPORT RequestId: " + invoked.requestId() + ".*\tInit Duration: \\d+\\.\\d\\d ms\t");
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.PYTHON) >= 1);
	}

	@Test
	void aPrestartedEnvironmentLooksLikeOneStartedForTheFunction() {
		FunctionVersionConfig function = python("pre-same", Map.of("COLOUR", "blue"));
		awaitReady(RuntimeCatalog.PYTHON);
		long hits = this.pool.prestartedHits();
		JsonNode prestarted = invokeWithTail(function).json();
		assertThat(this.pool.prestartedHits()).isEqualTo(hits + 1);

		// Provisioned environments never take pre-started ones: this one starts afresh.
		this.pool.provision(function, 1);
		await().atMost(WAIT).until(() -> this.pool.provisionedReady(function) == 1);
		JsonNode fresh = invokeWithTail(function).json();
		this.pool.provision(function, 0);

		assertThat(fresh.get("pid").asLong()).isNotEqualTo(prestarted.get("pid").asLong());
		Map<String, String> fromPool = environment(prestarted);
		Map<String, String> started = environment(fresh);
		assertThat(fromPool.keySet()).isEqualTo(started.keySet());
		fromPool.keySet().removeAll(PER_ENVIRONMENT);
		started.keySet().removeAll(PER_ENVIRONMENT);
		assertThat(fromPool).isEqualTo(started);
		assertThat(prestarted.get("cwd").asString()).isEqualTo(fresh.get("cwd").asString());
	}

	@Test
	void anEnvironmentGivenToAFunctionNeverServesAnother() {
		FunctionVersionConfig first = python("pre-first", Map.of("FIRST_ONLY", "1"));
		FunctionVersionConfig second = python("pre-second", Map.of("SECOND_ONLY", "2"));
		awaitReady(RuntimeCatalog.PYTHON);
		long hits = this.pool.prestartedHits();

		JsonNode firstAnswer = invokeWithTail(first).json();
		awaitReady(RuntimeCatalog.PYTHON);
		JsonNode secondAnswer = invokeWithTail(second).json();
		JsonNode firstAgain = invokeWithTail(first).json();

		assertThat(this.pool.prestartedHits()).as("both cold starts took a pre-started runtime").isEqualTo(hits + 2);
		assertThat(secondAnswer.get("pid").asLong()).isNotEqualTo(firstAnswer.get("pid").asLong());
		assertThat(firstAgain.get("pid").asLong()).as("warm: the first function's own environment")
			.isEqualTo(firstAnswer.get("pid").asLong());
		assertThat(environment(secondAnswer)).containsEntry("SECOND_ONLY", "2").doesNotContainKey("FIRST_ONLY");
		assertThat(environment(firstAgain)).containsEntry("FIRST_ONLY", "1").doesNotContainKey("SECOND_ONLY");
		assertThat(secondAnswer.get("functionName").asString()).isEqualTo(second.functionName());
		assertThat(this.pool.liveEnvironments(first)).isEqualTo(1);
		assertThat(this.pool.liveEnvironments(second)).isEqualTo(1);
	}

	@Test
	void aNodejsColdStartTakesAPrestartedRuntime() {
		byte[] zip = FunctionCode.zip(Map.of("index.js", NODE_APP), Set.of());
		FunctionVersionConfig function = deploy("pre-node-" + UUID.randomUUID(), "nodejs20.x", "index.handler", 10,
				Map.of("ONLY_IN_NODE", "node-value"), zip);
		awaitReady(RuntimeCatalog.NODEJS);
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).isEqualTo(hits + 1);
		JsonNode answer = invoked.json();
		Map<String, String> environment = environment(answer);
		assertThat(environment).containsEntry("ONLY_IN_NODE", "node-value")
			.containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x");
		assertThat(environment.keySet()).isSubsetOf(union(LAMBDA_VARIABLES, Set.of("ONLY_IN_NODE")));
		assertThat(answer.get("cwd").asString()).isEqualTo(environment.get("LAMBDA_TASK_ROOT"))
			.isEqualTo(answer.get("initCwd").asString());
		assertThat(answer.get("functionName").asString()).isEqualTo(function.functionName());
		assertThat(answer.get("memory").asString()).isEqualTo("128");
		assertThat(logTail(invoked)).contains("\tINFO\tinitialising " + function.functionName())
			.containsPattern("\tInit Duration: \\d+\\.\\d\\d ms\t");
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.NODEJS) >= 1);
	}

	@Test
	void aTakenRuntimeIsReplacedOnlyOnceItsFunctionsInitIsOver() throws Exception {
		Path gate = workDirectory().resolve("init-gate-" + UUID.randomUUID());
		String app = """
				import os
				import time

				while not os.path.exists(os.environ["INIT_GATE"]):
				    time.sleep(0.01)


				def handler(event, context):
				    return {"pid": os.getpid()}
				""";
		FunctionVersionConfig function = deploy("pre-slow-" + UUID.randomUUID(), "python3.11", "app.handler", 10,
				Map.of("INIT_GATE", gate.toString()), FunctionCode.python("app", app));
		awaitReady(RuntimeCatalog.PYTHON);
		long hits = this.pool.prestartedHits();

		CompletableFuture<Invoked> invoked = invokeAsync(function, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
		await().atMost(WAIT).until(() -> this.pool.prestartedHits() == hits + 1);

		// Past the refill interval: no runtime boots alongside the function's init.
		await().during(Duration.ofMillis(1500))
			.atMost(WAIT)
			.until(() -> this.pool.prestartedReady(RuntimeCatalog.PYTHON) == 0);
		Files.writeString(gate, "open");
		assertThat(invoked.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
		awaitReady(RuntimeCatalog.PYTHON);
	}

	@Test
	void aFunctionOfAnotherMemorySizeStartsAfresh() {
		byte[] zip = FunctionCode.python("app", PYTHON_APP);
		FunctionVersionConfig function = new FunctionVersionConfig(NAMESPACE, "pre-256-" + UUID.randomUUID(),
				FunctionVersionConfig.LATEST, UUID.randomUUID().toString(), "python3.11", "app.handler", 256, 10, 512,
				Map.of(), FakeControlPlane.sha256(zip), zip.length);
		CONTROL_PLANE.put(function, zip);
		awaitReady(RuntimeCatalog.PYTHON);
		long hits = this.pool.prestartedHits();
		long misses = this.pool.prestartedMisses();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(invoked.json().get("memory").asInt()).isEqualTo(256);
		assertThat(this.pool.prestartedHits()).isEqualTo(hits);
		assertThat(this.pool.prestartedMisses()).as("no size pre-started: not a miss either").isEqualTo(misses);
	}

	@Test
	void aFunctionWhoseVariablesChangeHowPythonStartsStartsAfresh() {
		String app = """
				import sys


				def handler(event, context):
				    return {"path": sys.path}
				""";
		FunctionVersionConfig function = deploy("pre-path-" + UUID.randomUUID(), "python3.11", "app.handler", 10,
				Map.of("PYTHONPATH", "/opt/aloft-extra"), FunctionCode.python("app", app));
		awaitReady(RuntimeCatalog.PYTHON);
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).isEqualTo(hits);
		assertThat(invoked.json().get("path").toString()).as("the interpreter that started for it read PYTHONPATH")
			.contains("/opt/aloft-extra");
	}

	private void awaitReady(String family) {
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(family) >= 1);
	}

	private FunctionVersionConfig python(String prefix, Map<String, String> environment) {
		return deploy(prefix + "-" + UUID.randomUUID(), "python3.11", "app.handler", 10, environment,
				FunctionCode.python("app", PYTHON_APP));
	}

}
