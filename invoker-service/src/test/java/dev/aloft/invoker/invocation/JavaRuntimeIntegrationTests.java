package dev.aloft.invoker.invocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FakeControlPlane;
import dev.aloft.invoker.InvokerIntegrationSupport;
import dev.aloft.invoker.JavaFunctionCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code java21} and {@code java25} runtimes end to end: handlers compiled here
 * against {@code aws-lambda-java-core}, packaged as Lambda packages them (classes at the
 * zip root, jars under {@code lib/}), run by AWS's runtime interface client.
 */
class JavaRuntimeIntegrationTests extends InvokerIntegrationSupport {

	private static final String GREETER = """
			package example;

			import com.amazonaws.services.lambda.runtime.Context;
			import com.amazonaws.services.lambda.runtime.RequestHandler;
			import example.lib.Shout;
			import java.util.LinkedHashMap;
			import java.util.Map;

			public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {

			    private static int count;

			    @Override
			    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
			        count++;
			        if (event.containsKey("fail")) {
			            throw new IllegalStateException("failed on purpose");
			        }
			        System.out.println("greeting " + event.get("name"));
			        Map<String, Object> result = new LinkedHashMap<>();
			        result.put("greeting", Shout.shout("hello " + event.get("name")));
			        result.put("count", count);
			        result.put("requestId", context.getAwsRequestId());
			        result.put("functionName", context.getFunctionName());
			        result.put("memoryLimitInMB", context.getMemoryLimitInMB());
			        result.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
			        result.put("javaVersion", Runtime.version().feature());
			        result.put("tmpdir", System.getProperty("java.io.tmpdir"));
			        return result;
			    }

			}
			""";

	private static final String UPPER = """
			package example;

			import com.amazonaws.services.lambda.runtime.Context;
			import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
			import java.io.IOException;
			import java.io.InputStream;
			import java.io.OutputStream;
			import java.nio.charset.StandardCharsets;

			public class Upper implements RequestStreamHandler {

			    @Override
			    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
			        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			        out.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
			    }

			}
			""";

	private static final String LOGS = """
			package example;

			import com.amazonaws.services.lambda.runtime.Context;
			import com.amazonaws.services.lambda.runtime.RequestHandler;
			import java.util.Map;

			public class Logs implements RequestHandler<Map<String, Object>, String> {

			    @Override
			    public String handleRequest(Map<String, Object> event, Context context) {
			        System.out.println("printed");
			        context.getLogger().log("first");
			        context.getLogger().log("second");
			        return "logged";
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

	private static final byte[] CODE = JavaFunctionCode.zip(
			Map.of("example/Greeter.java", GREETER, "example/Upper.java", UPPER, "example/Logs.java", LOGS),
			Map.of("example/lib/Shout.java", SHOUT), Map.of());

	@Test
	void requestHandlerAnswersAndKeepsStateWhileWarm() {
		FunctionVersionConfig function = java("java-greeter", "java21", "example.Greeter::handleRequest");

		Invoked first = invoke(function, "{\"name\":\"world\"}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));
		Invoked second = invoke(function, "{\"name\":\"again\"}");

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.header(InvokerApi.OUTCOME)).as(first.toString()).isEqualTo("SUCCESS");
		JsonNode result = first.json();
		assertThat(result.get("greeting").asString()).isEqualTo("hello world!");
		assertThat(result.get("count").asInt()).isEqualTo(1);
		assertThat(result.get("requestId").asString()).isEqualTo(first.requestId());
		assertThat(result.get("functionName").asString()).isEqualTo("java-greeter");
		assertThat(result.get("memoryLimitInMB").asInt()).isEqualTo(512);
		assertThat(result.get("remainingPositive").asBoolean()).isTrue();
		assertThat(new String(Base64.getDecoder().decode(first.header(InvokerApi.LOG_RESULT)), StandardCharsets.UTF_8))
			.contains("greeting world");
		assertThat(second.json().get("count").asInt()).as("the same warm JVM").isEqualTo(2);
		assertThat(Path.of(result.get("tmpdir").asString())).as("the sandbox's private tmp")
			.startsWith(workDirectory().resolve("sandboxes"));
	}

	@Test
	void thrownExceptionIsTheRuntimeClientsErrorJson() {
		FunctionVersionConfig function = java("java-thrower", "java25", "example.Greeter");

		Invoked invoked = invoke(function, "{\"fail\":true}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
		JsonNode error = invoked.json();
		assertThat(error.get("errorType").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(error.get("errorMessage").asString()).isEqualTo("failed on purpose");
		assertThat(error.get("stackTrace").toString()).contains("example.Greeter.handleRequest");
		// The environment survives the exception.
		JsonNode next = invoke(function, "{\"name\":\"x\"}").json();
		assertThat(next.get("count").asInt()).isEqualTo(2);
		assertThat(next.get("javaVersion").asInt()).isGreaterThanOrEqualTo(25);
	}

	@Test
	void requestStreamHandlerWritesItsOutput() {
		FunctionVersionConfig function = java("java-upper", "java21", "example.Upper::handleRequest");

		Invoked invoked = invoke(function, "{\"text\":\"shout\"}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.text()).isEqualTo("{\"TEXT\":\"SHOUT\"}");
	}

	@Test
	void eachLambdaLoggerMessageIsALineOfItsOwnInTheInvocationsLog() {
		FunctionVersionConfig function = java("java-logs", "java21", "example.Logs::handleRequest");

		Invoked invoked = invoke(function, "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.text()).isEqualTo("\"logged\"");
		List<String> log = List
			.of(new String(Base64.getDecoder().decode(invoked.header(InvokerApi.LOG_RESULT)), StandardCharsets.UTF_8)
				.split("\n"));
		int start = log.indexOf("START RequestId: " + invoked.requestId() + " Version: " + function.version());
		int end = log.indexOf("END RequestId: " + invoked.requestId());
		assertThat(start).as(log.toString()).isNotNegative().isLessThan(end);
		// Written raw to stdout, the two ran together as "firstsecond".
		assertThat(log.subList(start + 1, end)).as(log.toString())
			.containsSubsequence("first", "second")
			.contains("printed");
	}

	@Test
	void missingHandlerClassIsAnError() {
		FunctionVersionConfig function = java("java-missing", "java21", "example.Missing::handleRequest");

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		// The runtime client answers every invocation with the fault rather than exit.
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
		assertThat(invoked.json().get("errorType").asString()).as(invoked.toString())
			.isEqualTo("java.lang.ClassNotFoundException");
	}

	private static FunctionVersionConfig java(String name, String runtime, String handler) {
		FunctionVersionConfig function = new FunctionVersionConfig(NAMESPACE, name, FunctionVersionConfig.LATEST,
				UUID.randomUUID().toString(), runtime, handler, 512, 10, 512, Map.of(), Map.of(),
				FakeControlPlane.sha256(CODE), CODE.length);
		CONTROL_PLANE.put(function, CODE);
		return function;
	}

}
