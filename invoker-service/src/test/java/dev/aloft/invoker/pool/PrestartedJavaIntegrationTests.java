package dev.aloft.invoker.pool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.JavaFunctionCode;
import dev.aloft.invoker.runtime.RuntimeCatalog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pre-started JVMs on a real invoker (its defaults keep one of 128 MB): a Java cold start
 * takes one over, and the function runs as in a JVM started for it: its own variables
 * through {@code System.getenv} (and in the processes it starts), its code in a task root
 * that is the JVM's working directory, so relative paths resolve there, its libraries
 * from {@code lib/}, and its init reported as Lambda does. A function whose variables
 * change how a JVM boots starts its own.
 */
class PrestartedJavaIntegrationTests extends InvokerIntegrationSupport {

	/**
	 * Long enough for the JDK's class-data archive and the JVM's boot on a busy machine.
	 */
	private static final Duration WAIT = Duration.ofSeconds(90);

	/** What every Java environment has besides its function's own variables. */
	private static final Set<String> LAMBDA_VARIABLES = Set.of("AWS_LAMBDA_RUNTIME_API", "_HANDLER",
			"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
			"AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_REGION",
			"AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "LAMBDA_RUNTIME_DIR", "TZ", "LANG", "PATH", "LAMBDA_TASK_ROOT",
			"TMPDIR", "HOME", "_LAMBDA_TELEMETRY_LOG_FD");

	/** Each environment's own: its secret, log stream, and private directories. */
	private static final Set<String> PER_ENVIRONMENT = Set.of("AWS_LAMBDA_RUNTIME_API", "AWS_LAMBDA_LOG_STREAM_NAME",
			"AWS_LAMBDA_INITIALIZATION_TYPE", "TMPDIR", "HOME", "LAMBDA_TASK_ROOT");

	private static final String INSPECT = """
			package example;

			import com.amazonaws.services.lambda.runtime.Context;
			import com.amazonaws.services.lambda.runtime.RequestHandler;
			import example.lib.Shout;
			import java.io.IOException;
			import java.io.UncheckedIOException;
			import java.nio.charset.StandardCharsets;
			import java.nio.file.Files;
			import java.nio.file.Path;
			import java.util.LinkedHashMap;
			import java.util.Map;
			import java.util.TreeMap;

			public class Inspect implements RequestHandler<Map<String, Object>, Map<String, Object>> {

			    private static final String INIT_NAME = System.getenv("AWS_LAMBDA_FUNCTION_NAME");

			    static {
			        System.out.println("initialising " + INIT_NAME);
			    }

			    @Override
			    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
			        try {
			            Map<String, Object> result = new LinkedHashMap<>();
			            result.put("pid", ProcessHandle.current().pid());
			            result.put("environment", new TreeMap<>(System.getenv()));
			            result.put("initName", INIT_NAME);
			            result.put("userDir", System.getProperty("user.dir"));
			            result.put("greeting", Files.readString(Path.of("data/greeting.txt")).strip());
			            result.put("greetingPath", Path.of("data/greeting.txt").toAbsolutePath().toString());
			            result.put("shout", Shout.shout("library"));
			            result.put("toolProperty", System.getProperty("aloft.tool"));
			            result.put("functionName", context.getFunctionName());
			            result.put("memory", context.getMemoryLimitInMB());
			            Process child = new ProcessBuilder("/bin/sh", "-c", "printf %s \\"$ONLY_HERE\\"").start();
			            result.put("childSees", new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			            child.waitFor();
			            return result;
			        }
			        catch (IOException ex) {
			            throw new UncheckedIOException(ex);
			        }
			        catch (InterruptedException ex) {
			            throw new IllegalStateException(ex);
			        }
			    }

			}
			""";

	private static final String SHOUT = """
			package example.lib;

			public final class Shout {

			    public static String shout(String text) {
			        return text + "!";
			    }

			}
			""";

	private static final byte[] CODE = JavaFunctionCode.zip(Map.of("example/Inspect.java", INSPECT),
			Map.of("example/lib/Shout.java", SHOUT), Map.of("data/greeting.txt", "hello from the task root\n"));

	@Autowired
	EnvironmentPool pool;

	@Test
	void aJavaColdStartTakesAPrestartedJvmThatRunsTheFunctionInItsOwnTaskRoot() {
		FunctionVersionConfig function = java("pre-java", Map.of("ONLY_HERE", "java-value"));
		awaitReady();
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked::toString).isEqualTo("SUCCESS");
		assertThat(this.pool.prestartedHits()).as("taken from the pre-started pool").isEqualTo(hits + 1);
		JsonNode answer = invoked.json();
		Map<String, String> environment = environment(answer);
		assertThat(environment).containsEntry("ONLY_HERE", "java-value")
			.containsEntry("AWS_LAMBDA_FUNCTION_NAME", function.functionName())
			.containsEntry("_HANDLER", "example.Inspect::handleRequest")
			.containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java21")
			.containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
		assertThat(environment.keySet()).as("the function's variables and Lambda's, nothing else")
			.isSubsetOf(union(LAMBDA_VARIABLES, Set.of("ONLY_HERE")));
		assertThat(answer.get("initName").asString()).as("read while the handler's class initialised")
			.isEqualTo(function.functionName());
		assertThat(answer.get("childSees").asString()).as("what a process it starts inherits").isEqualTo("java-value");
		Path taskRoot = Path.of(environment.get("LAMBDA_TASK_ROOT"));
		assertThat(taskRoot).startsWith(workDirectory().resolve("task-roots"));
		assertThat(answer.get("userDir").asString()).isEqualTo(taskRoot.toString());
		assertThat(answer.get("greeting").asString()).as("a relative path resolves in the task root")
			.isEqualTo("hello from the task root");
		assertThat(answer.get("greetingPath").asString()).isEqualTo(taskRoot.resolve("data/greeting.txt").toString());
		assertThat(answer.get("shout").asString()).as("a class from lib/library.jar").isEqualTo("library!");
		assertThat(answer.get("functionName").asString()).isEqualTo(function.functionName());
		assertThat(answer.get("memory").asInt()).isEqualTo(128);
		assertThat(logTail(invoked)).contains("initialising " + function.functionName())
			.containsPattern("REPORT RequestId: " + invoked.requestId() + ".*\tInit Duration: \\d+\\.\\d\\d ms\t");
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.JAVA) >= 1);
	}

	@Test
	void aPrestartedJvmLooksLikeOneStartedForTheFunction() {
		FunctionVersionConfig function = java("pre-java-same", Map.of("COLOUR", "blue"));
		awaitReady();
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
		for (String same : Set.of("greeting", "shout", "childSees", "initName", "functionName")) {
			assertThat(prestarted.get(same)).as(same).isEqualTo(fresh.get(same));
		}
		assertThat(fresh.get("userDir").asString()).isEqualTo(environment(fresh).get("LAMBDA_TASK_ROOT"));
	}

	@Test
	void aFunctionWhoseVariablesChangeHowTheJvmBootsStartsItsOwn() {
		FunctionVersionConfig function = java("pre-java-tool",
				Map.of("JAVA_TOOL_OPTIONS", "-Daloft.tool=from-the-tool-options"));
		awaitReady();
		long hits = this.pool.prestartedHits();

		Invoked invoked = invokeWithTail(function);

		assertThat(invoked.status()).as(invoked::toString).isEqualTo(200);
		assertThat(this.pool.prestartedHits()).as("not taken from the pool").isEqualTo(hits);
		JsonNode answer = invoked.json();
		assertThat(answer.get("toolProperty").asString()).as("the JVM that started for it read JAVA_TOOL_OPTIONS")
			.isEqualTo("from-the-tool-options");
		assertThat(answer.get("greeting").asString()).isEqualTo("hello from the task root");
		assertThat(this.pool.prestartedReady(RuntimeCatalog.JAVA)).as("the pre-started JVM still waits").isEqualTo(1);
	}

	private void awaitReady() {
		await().atMost(WAIT).until(() -> this.pool.prestartedReady(RuntimeCatalog.JAVA) >= 1);
	}

	private static FunctionVersionConfig java(String prefix, Map<String, String> environment) {
		return deploy(prefix + "-" + UUID.randomUUID(), "java21", "example.Inspect::handleRequest", 30, environment,
				CODE);
	}

}
