package dev.aloft.invoker.invocation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.invoker.FunctionCode;
import dev.aloft.invoker.InvokerIntegrationSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code nodejs*} runtimes end to end: real Node.js handlers of each style, run by
 * the bundled bootstrap in process sandboxes.
 */
class NodejsIntegrationTests extends InvokerIntegrationSupport {

	private static final String ASYNC_CJS = """
			let count = 0;
			console.log("initialising");
			exports.handler = async (event, context) => {
			  count++;
			  console.log("handling %s", event.name);
			  console.warn("careful\\nsecond line");
			  if (event.fail) {
			    throw new TypeError("failed on purpose");
			  }
			  await new Promise((resolve) => setTimeout(resolve, 5));
			  return {
			    count,
			    pid: process.pid,
			    greeting: "hello " + event.name,
			    awsRequestId: context.awsRequestId,
			    functionName: context.functionName,
			    functionVersion: context.functionVersion,
			    invokedFunctionArn: context.invokedFunctionArn,
			    memoryLimitInMB: context.memoryLimitInMB,
			    logGroupName: context.logGroupName,
			    logStreamName: context.logStreamName,
			    remaining: context.getRemainingTimeInMillis(),
			    waits: context.callbackWaitsForEmptyEventLoop,
			    traceId: process.env._X_AMZN_TRACE_ID || null,
			  };
			};
			exports.nested = { deeper: { handler: async () => "nested" } };
			""";

	private static final String CALLBACK_CJS = """
			exports.handler = (event, context, callback) => {
			  if (event.error === "string") {
			    return callback("plain failure");
			  }
			  if (event.error === "object") {
			    return callback(new RangeError("out of range"));
			  }
			  context.callbackWaitsForEmptyEventLoop = event.waits !== false;
			  const result = { timer: "pending", waits: context.callbackWaitsForEmptyEventLoop };
			  // The result is serialised when it is sent: after this timer, when Lambda waits
			  // for an empty event loop.
			  setTimeout(() => { result.timer = "ran"; }, 20);
			  callback(null, result);
			};
			""";

	private static final String ESCAPING = """
			let count = 0;
			exports.handler = async (event) => {
			  count++;
			  if (event.throwLater) {
			    return new Promise(() => setTimeout(() => { throw new Error("escaped the handler"); }, 1));
			  }
			  if (event.rejectLater) {
			    Promise.reject(new Error("nobody catches this"));
			    return new Promise((resolve) => setTimeout(() => resolve("too late"), 1000));
			  }
			  return { count };
			};
			""";

	private static final String STREAMING = """
			let count = 0;
			exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
			  count++;
			  if (event.state) {
			    // What is neither text nor bytes is written as its JSON, as on Lambda.
			    responseStream.end({ count, pid: process.pid, requestId: context.awsRequestId });
			    return;
			  }
			  if (event.url) {
			    const stream = awslambda.HttpResponseStream.from(responseStream, {
			      statusCode: 201,
			      headers: { "Content-Type": "text/plain", "X-Custom": "yes" },
			      cookies: ["a=1"],
			    });
			    stream.write("hello ");
			    stream.write(Buffer.from("url"));
			    // No end(): the settled handler ends the stream.
			    return;
			  }
			  responseStream.setContentType("text/plain");
			  responseStream.write("first ");
			  await new Promise((resolve) => setTimeout(resolve, 5));
			  responseStream.write("second ");
			  if (event.fail) {
			    throw new TypeError("failed mid-stream");
			  }
			  responseStream.write("third");
			  responseStream.end();
			});
			""";

	private static final String ESM = """
			export const handler = async (event) => ({ module: "esm", echo: event });
			""";

	@Test
	void asyncHandlerAnswersWithLambdasContext() {
		FunctionVersionConfig function = node("node-async", "index.handler", Map.of("index.js", ASYNC_CJS));
		String arn = "arn:aws:lambda:us-east-1:000000000000:function:node-async";

		Invoked invoked = invoke(function, "{\"name\":\"world\"}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.INVOKED_FUNCTION_ARN, arn, InvokerApi.TRACE_ID,
						"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700", InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked.toString()).isEqualTo("SUCCESS");
		JsonNode result = invoked.json();
		assertThat(result.get("greeting").asString()).isEqualTo("hello world");
		assertThat(result.get("awsRequestId").asString()).isEqualTo(invoked.requestId());
		assertThat(result.get("functionName").asString()).isEqualTo("node-async");
		assertThat(result.get("functionVersion").asString()).isEqualTo("$LATEST");
		assertThat(result.get("invokedFunctionArn").asString()).isEqualTo(arn);
		assertThat(result.get("memoryLimitInMB").asString()).isEqualTo("128");
		assertThat(result.get("logGroupName").asString()).isEqualTo("/aws/lambda/node-async");
		assertThat(result.get("logStreamName").asString()).contains("[$LATEST]");
		assertThat(result.get("remaining").asInt()).isPositive();
		assertThat(result.get("waits").asBoolean()).isTrue();
		assertThat(result.get("traceId").asString()).isEqualTo("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700");
		String log = logResult(invoked);
		assertThat(log)
			.containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\tundefined\tINFO\tinitialising")
			.containsPattern("Z\t" + invoked.requestId() + "\tINFO\thandling world\n")
			.contains("\t" + invoked.requestId() + "\tWARN\tcareful\rsecond line\n");
	}

	@Test
	void warmEnvironmentKeepsModuleState() {
		FunctionVersionConfig function = node("node-warm", "index.handler", Map.of("index.js", ASYNC_CJS));

		List<JsonNode> results = IntStream.range(0, 3)
			.mapToObj((i) -> invoke(function, "{\"name\":\"x\"}").json())
			.toList();

		assertThat(results).extracting((result) -> result.get("count").asInt()).containsExactly(1, 2, 3);
		assertThat(results).extracting((result) -> result.get("pid").asLong())
			.containsOnly(results.get(0).get("pid").asLong());
	}

	@Test
	void thrownErrorIsLambdasErrorJson() {
		FunctionVersionConfig function = node("node-throws", "index.handler", Map.of("index.js", ASYNC_CJS));

		Invoked invoked = invoke(function, "{\"name\":\"x\",\"fail\":true}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
		JsonNode error = invoked.json();
		assertThat(error.propertyNames()).containsExactly("errorType", "errorMessage", "trace");
		assertThat(error.get("errorType").asString()).isEqualTo("TypeError");
		assertThat(error.get("errorMessage").asString()).isEqualTo("failed on purpose");
		assertThat(error.get("trace").get(0).asString()).isEqualTo("TypeError: failed on purpose");
		assertThat(error.get("trace").toString()).contains("index.js");
		// The environment survives a handler's error.
		assertThat(invoke(function, "{\"name\":\"x\"}").json().get("count").asInt()).isEqualTo(2);
	}

	@Test
	void uncaughtExceptionFailsTheInvocationAndEndsTheEnvironment() {
		FunctionVersionConfig function = node("node-uncaught", "index.handler", Map.of("index.js", ESCAPING));
		assertThat(invoke(function, "{}").json().get("count").asInt()).isEqualTo(1);

		Invoked invoked = invoke(function, "{\"throwLater\":true}");

		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).as(invoked.toString()).isEqualTo("Unhandled");
		assertThat(invoked.json().get("errorType").asString()).isEqualTo("Error");
		assertThat(invoked.json().get("errorMessage").asString()).isEqualTo("escaped the handler");
		assertThat(invoke(function, "{}").json().get("count").asInt()).as("a new environment").isEqualTo(1);
	}

	@Test
	void unhandledRejectionFailsTheInvocation() {
		FunctionVersionConfig function = node("node-rejection", "index.handler", Map.of("index.js", ESCAPING));

		Invoked invoked = invoke(function, "{\"rejectLater\":true}");

		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).as(invoked.toString()).isEqualTo("Unhandled");
		assertThat(invoked.json().get("errorType").asString()).isEqualTo("Runtime.UnhandledPromiseRejection");
		assertThat(invoked.json().get("errorMessage").asString()).isEqualTo("Error: nobody catches this");
		assertThat(invoke(function, "{}").json().get("count").asInt()).as("a new environment").isEqualTo(1);
	}

	@Test
	void streamingHandlerAnswersWhatItWrote() {
		FunctionVersionConfig function = node("node-stream", "index.handler", Map.of("index.js", STREAMING));

		Invoked invoked = invoke(function, "{}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked.toString()).isEqualTo("SUCCESS");
		assertThat(invoked.text()).isEqualTo("first second third");
		assertThat(invoked.header("Content-Type")).as("not the default application/octet-stream")
			.startsWith("text/plain");
	}

	@Test
	void httpResponseStreamSendsTheFunctionUrlPreludeBeforeTheBody() {
		FunctionVersionConfig function = node("node-stream-url", "index.handler", Map.of("index.js", STREAMING));

		Invoked invoked = invoke(function, "{\"url\":true}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.OUTCOME)).as(invoked.toString()).isEqualTo("SUCCESS");
		assertThat(invoked.header("Content-Type")).isEqualTo("application/vnd.awslambda.http-integration-response");
		byte[] prelude = "{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\",\"X-Custom\":\"yes\"},\"cookies\":[\"a=1\"]}"
			.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		expected.writeBytes(prelude);
		expected.writeBytes(new byte[8]);
		expected.writeBytes("hello url".getBytes(StandardCharsets.UTF_8));
		assertThat(invoked.body()).isEqualTo(expected.toByteArray());
	}

	@Test
	void streamingHandlerThatThrowsMidStreamIsAFunctionErrorAndTheEnvironmentGoesOn() {
		FunctionVersionConfig function = node("node-stream-throws", "index.handler", Map.of("index.js", STREAMING));
		JsonNode before = invoke(function, "{\"state\":true}").json();

		Invoked invoked = invoke(function, "{\"fail\":true}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.header(InvokerApi.FUNCTION_ERROR)).as(invoked.toString()).isEqualTo("Unhandled");
		assertThat(invoked.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_ERROR");
		assertThat(invoked.header(InvokerApi.ERROR_TYPE)).isEqualTo("TypeError");
		JsonNode error = invoked.json();
		assertThat(error.propertyNames()).containsExactly("errorType", "errorMessage", "trace");
		assertThat(error.get("errorType").asString()).isEqualTo("TypeError");
		assertThat(error.get("errorMessage").asString()).isEqualTo("failed mid-stream");
		assertThat(error.get("trace").get(0).asString()).isEqualTo("TypeError: failed mid-stream");
		// The same environment takes the next invocation.
		Invoked after = invoke(function, "{\"state\":true}");
		assertThat(after.header(InvokerApi.OUTCOME)).as(after.toString()).isEqualTo("SUCCESS");
		assertThat(after.json().get("count").asInt()).isEqualTo(3);
		assertThat(after.json().get("pid").asLong()).isEqualTo(before.get("pid").asLong());
		assertThat(after.json().get("requestId").asString()).isEqualTo(after.requestId());
	}

	@Test
	void nestedExportIsFound() {
		FunctionVersionConfig function = node("node-nested", "index.nested.deeper.handler",
				Map.of("index.js", ASYNC_CJS));

		assertThat(invoke(function, "{}").text()).isEqualTo("\"nested\"");
	}

	@Test
	void callbackHandlerAnswersOnceTheEventLoopIsEmpty() {
		FunctionVersionConfig function = node("node-callback", "lib/callback.handler",
				Map.of("lib/callback.cjs", CALLBACK_CJS));

		JsonNode result = invoke(function, "{}").json();

		assertThat(result.get("waits").asBoolean()).isTrue();
		assertThat(result.get("timer").asString()).isEqualTo("ran");
	}

	@Test
	void callbackHandlerMayAnswerWithoutWaiting() {
		FunctionVersionConfig function = node("node-no-wait", "lib/callback.handler",
				Map.of("lib/callback.cjs", CALLBACK_CJS));

		Invoked invoked = invoke(function, "{\"waits\":false}");

		assertThat(invoked.status()).as(invoked.toString()).isEqualTo(200);
		assertThat(invoked.json().get("waits").asBoolean()).isFalse();
		assertThat(invoked.json().get("timer").asString()).isEqualTo("pending");
	}

	@Test
	void callbackErrorsAreLambdasErrorJson() {
		FunctionVersionConfig function = node("node-callback-errors", "lib/callback.handler",
				Map.of("lib/callback.cjs", CALLBACK_CJS));

		Invoked string = invoke(function, "{\"error\":\"string\"}");
		Invoked object = invoke(function, "{\"error\":\"object\"}");

		assertThat(string.header(InvokerApi.FUNCTION_ERROR)).isEqualTo("Unhandled");
		assertThat(string.text())
			.isEqualTo("{\"errorType\":\"string\",\"errorMessage\":\"plain failure\",\"trace\":[]}");
		assertThat(object.json().get("errorType").asString()).isEqualTo("RangeError");
		assertThat(object.json().get("errorMessage").asString()).isEqualTo("out of range");
	}

	@Test
	void esModulesLoadFromMjsAndFromJsUnderATypeModulePackage() {
		FunctionVersionConfig mjs = node("node-mjs", "src/app.handler", Map.of("src/app.mjs", ESM));
		FunctionVersionConfig typeModule = node("node-type-module", "app.handler",
				Map.of("app.js", ESM, "package.json", "{\"type\":\"module\"}"));

		assertThat(invoke(mjs, "{\"a\":1}").text()).isEqualTo("{\"module\":\"esm\",\"echo\":{\"a\":1}}");
		assertThat(invoke(typeModule, "{\"b\":2}").text()).isEqualTo("{\"module\":\"esm\",\"echo\":{\"b\":2}}");
	}

	@Test
	void initErrorsAreReportedAsLambdaReportsThem() {
		FunctionVersionConfig throwing = node("node-init-throws", "index.handler",
				Map.of("index.js", "throw new Error('boom at init');\n"));
		FunctionVersionConfig missingModule = node("node-no-module", "missing.handler", Map.of("index.js", ASYNC_CJS));
		FunctionVersionConfig missingHandler = node("node-no-handler", "index.nothing", Map.of("index.js", ASYNC_CJS));
		FunctionVersionConfig syntax = node("node-syntax", "index.handler",
				Map.of("index.js", "exports.handler = (;\n"));

		Invoked thrown = invoke(throwing, "{}");
		assertThat(thrown.header(InvokerApi.FUNCTION_ERROR)).as(thrown.toString()).isEqualTo("Unhandled");
		assertThat(thrown.header(InvokerApi.OUTCOME)).isEqualTo("FUNCTION_FAILURE");
		assertThat(thrown.json().get("errorType").asString()).isEqualTo("Error");
		assertThat(thrown.json().get("errorMessage").asString()).isEqualTo("boom at init");
		assertThat(invoke(missingModule, "{}").json().get("errorType").asString())
			.isEqualTo("Runtime.ImportModuleError");
		JsonNode notFound = invoke(missingHandler, "{}").json();
		assertThat(notFound.get("errorType").asString()).isEqualTo("Runtime.HandlerNotFound");
		assertThat(notFound.get("errorMessage").asString()).isEqualTo("index.nothing is undefined or not exported");
		assertThat(invoke(syntax, "{}").json().get("errorType").asString()).isEqualTo("Runtime.UserCodeSyntaxError");
	}

	private static FunctionVersionConfig node(String name, String handler, Map<String, String> files) {
		return deploy(name, "nodejs20.x", handler, 5, Map.of(), FunctionCode.zip(files, Set.of()));
	}

	private static String logResult(Invoked invoked) {
		String header = invoked.header(InvokerApi.LOG_RESULT);
		assertThat(header).as(invoked.toString()).isNotNull();
		return new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
	}

}
