package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.invoke.InvokerApi;
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

	private final HttpClient httpClient;

	private final AtomicInteger next = new AtomicInteger();

	InvokerClient(InvokersProperties properties) {
		this.invokers = List.copyOf(properties.urls());
		this.properties = properties;
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
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
			catch (ConnectException | HttpConnectTimeoutException ex) {
				logger.warn("Invoker {} is unreachable: {}", invoker, ex.toString());
				last = unavailable("No invoker is reachable");
			}
			catch (HttpTimeoutException ex) {
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
		HttpRequest.Builder request = HttpRequest.newBuilder(invoker.resolve(path))
			.timeout(Duration.ofSeconds(function.timeoutSeconds()).plus(this.properties.timeoutMargin()))
			.header("Content-Type", call.contentType())
			.header(InvokerApi.REQUEST_ID, call.requestId())
			.header(InvokerApi.CONFIG_REVISION, Long.toString(configRevision))
			.header(InvokerApi.INVOKED_FUNCTION_ARN, call.invokedFunctionArn())
			.header(InvokerApi.TRIGGER, call.trigger())
			.POST(HttpRequest.BodyPublishers.ofByteArray(call.payload()));
		if (call.traceId() != null) {
			request.header(InvokerApi.TRACE_ID, call.traceId());
		}
		if (call.clientContext() != null) {
			request.header(InvokerApi.CLIENT_CONTEXT, call.clientContext());
		}
		if (call.logTail()) {
			request.header(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL);
		}
		HttpResponse<byte[]> response = this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		String outcome = response.headers().firstValue(InvokerApi.OUTCOME).orElse(null);
		return new InvokeReply(response.statusCode(), (outcome != null) ? InvocationOutcome.valueOf(outcome) : null,
				response.headers().firstValue(InvokerApi.ERROR_TYPE).orElse(null),
				response.headers().firstValue(InvokerApi.EXECUTED_VERSION).orElse(null),
				response.headers().firstValue(InvokerApi.LOG_RESULT).orElse(null),
				response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
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
