package dev.aloft.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first vertical slice, as the README's tour does it: a Python function behind
 * {@code GET /hello/{name}}. The handler reports where it ran, so the test can tell it
 * ran in a separate process that pulled its event through the invoker's Runtime API.
 */
final class HelloFunction {

	static final String HANDLER_SOURCE = """
			import json, os
			calls = 0

			def handler(event, context):
			    global calls
			    calls += 1
			    return {
			        "statusCode": 200,
			        "headers": {"content-type": "application/json"},
			        "body": json.dumps({
			            "greeting": "hello " + event["pathParameters"]["name"],
			            "routeKey": event["routeKey"],
			            "rawPath": event["rawPath"],
			            "version": event["version"],
			            "pid": os.getpid(),
			            "runtimeApi": os.environ["AWS_LAMBDA_RUNTIME_API"],
			            "requestId": context.aws_request_id,
			            "calls": calls,
			        }),
			    }
			""";

	private HelloFunction() {
	}

	static void deploy(AloftClient client) throws Exception {
		HttpResponse<String> function = client.createFunction("hello", "python3.11", "app.handler",
				AloftClient.zip("app.py", HANDLER_SOURCE));
		assertThat(function.statusCode()).as(function.body()).isEqualTo(201);
		HttpResponse<String> route = client.createRoute("GET", "/hello/{name}", "hello");
		assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
		// The gateway follows the control plane's change feed: a new route goes live
		// within
		// milliseconds, not in the same instant the write returns.
		await("the route is live").atMost(Duration.ofSeconds(30))
			.until(() -> client.get("/hello/probe").statusCode() != 404);
	}

	/**
	 * Calls the route and checks what the handler computed from the payload-2.0 event.
	 * @return the handler's report
	 */
	static JsonNode call(AloftClient client, String name, long platformPid, int runtimeApiPort) throws Exception {
		HttpResponse<String> response = client.get("/hello/" + name);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		JsonNode body = AloftClient.json(response);
		assertThat(body.get("greeting").asString()).isEqualTo("hello " + name);
		assertThat(body.get("routeKey").asString()).isEqualTo("GET /hello/{name}");
		assertThat(body.get("rawPath").asString()).isEqualTo("/hello/" + name);
		assertThat(body.get("version").asString()).isEqualTo("2.0");
		assertThat(body.get("pid").asLong()).as("the handler runs in its own process").isNotEqualTo(platformPid);
		assertThat(body.get("runtimeApi").asString())
			.as("the handler pulled its event from the invoker's Runtime API, behind its own secret")
			.matches("127\\.0\\.0\\.1:" + runtimeApiPort + "/[0-9a-f]{32}");
		return body;
	}

}
