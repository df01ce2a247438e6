package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.http.HttpAnswer;
import dev.aloft.http.HttpRequestLine;
import dev.aloft.http.PooledHttpClient;
import dev.aloft.http.RequestNotSentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Places synchronous invocations on invokers over pooled keep-alive connections. It moves
 * on to the next invoker only when the function cannot have started there (no connection,
 * or the invoker said it had no capacity): a started invocation is never run twice.
 */
@Component
public class InvokerClient {

	private static final Logger logger = LoggerFactory.getLogger(InvokerClient.class);

	private final List<URI> invokers;

	private final InvokersProperties properties;

	private final PooledHttpClient httpClient;

	private final AtomicInteger next = new AtomicInteger();

	InvokerClient(InvokersProperties properties) {
		this.invokers = List.copyOf(properties.urls());
		this.properties = properties;
		this.httpClient = new PooledHttpClient(properties.connectTimeout(), Duration.ofSeconds(30), 256);
	}

	/**
	 * Runs an invocation on some invoker.
	 * @param function the version to run
	 * @param configRevision the configuration revision the version was resolved at
	 * @param call the invocation
	 * @return the reply
	 * @throws InterruptedException when interrupted while waiting
	 */
	public InvokeReply invoke(FunctionVersionConfig function, long configRevision, InvokeCall call)
			throws InterruptedException {
		int first = Math.floorMod(this.next.getAndIncrement(), this.invokers.size());
		InvokeReply last = unavailable("No invoker is configured");
		for (int attempt = 0; attempt < this.invokers.size(); attempt++) {
			URI invoker = this.invokers.get((first + attempt) % this.invokers.size());
			try {
				InvokeReply reply = send(invoker, function, configRevision, call);
				if (reply.status() != 429 && reply.status() != 503) {
					return reply;
				}
				last = reply;
			}
			catch (RequestNotSentException ex) {
				logger.warn("Invoker {} is unreachable: {}", invoker, ex.toString());
				last = unavailable("No invoker is reachable");
			}
			catch (SocketTimeoutException ex) {
				return timeout(call, function);
			}
			catch (IOException ex) {
				// The request may have reached the invoker: do not run it again
				// elsewhere.
				logger.warn("Lost invocation {} on invoker {}: {}", call.requestId(), invoker, ex.toString());
				return unavailable("The invoker failed while running the invocation");
			}
		}
		return last;
	}

	private InvokeReply send(URI invoker, FunctionVersionConfig function, long configRevision, InvokeCall call)
			throws IOException, InterruptedException {
		String path = InvokerApi.INVOKE_PATH.replace("{namespace}", segment(function.namespace()))
			.replace("{function}", segment(function.functionName()))
			.replace("{version}", segment(function.version()));
		List<Map.Entry<String, String>> headers = new ArrayList<>(8);
		headers.add(Map.entry("Content-Type", call.contentType()));
		headers.add(Map.entry(InvokerApi.REQUEST_ID, call.requestId()));
		headers.add(Map.entry(InvokerApi.CONFIG_REVISION, Long.toString(configRevision)));
		headers.add(Map.entry(InvokerApi.INVOKED_FUNCTION_ARN, call.invokedFunctionArn()));
		headers.add(Map.entry(InvokerApi.TRIGGER, call.trigger()));
		if (call.traceId() != null) {
			headers.add(Map.entry(InvokerApi.TRACE_ID, call.traceId()));
		}
		if (call.clientContext() != null) {
			headers.add(Map.entry(InvokerApi.CLIENT_CONTEXT, call.clientContext()));
		}
		if (call.logTail()) {
			headers.add(Map.entry(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));
		}
		HttpAnswer response = this.httpClient.send(invoker, new HttpRequestLine("POST", path, headers, call.payload()),
				Duration.ofSeconds(function.timeoutSeconds()).plus(this.properties.timeoutMargin()));
		String outcome = response.header(InvokerApi.OUTCOME);
		String contentType = response.header("Content-Type");
		return new InvokeReply(response.status(), (outcome != null) ? InvocationOutcome.valueOf(outcome) : null,
				response.header(InvokerApi.ERROR_TYPE), response.header(InvokerApi.EXECUTED_VERSION),
				response.header(InvokerApi.LOG_RESULT), (contentType != null) ? contentType : "application/json",
				response.body());
	}

	private static String segment(String value) {
		return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
	}

	private static InvokeReply unavailable(String reason) {
		return new InvokeReply(503, null, "Aloft.NoInvoker", null, null, "text/plain",
				reason.getBytes(StandardCharsets.UTF_8));
	}

	private static InvokeReply timeout(InvokeCall call, FunctionVersionConfig function) {
		String body = "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + call.requestId()
				+ " Error: Task timed out after " + function.timeoutSeconds() + ".00 seconds\"}";
		return new InvokeReply(200, InvocationOutcome.FUNCTION_FAILURE, "Sandbox.Timedout", function.version(), null,
				"application/json", body.getBytes(StandardCharsets.UTF_8));
	}

}
