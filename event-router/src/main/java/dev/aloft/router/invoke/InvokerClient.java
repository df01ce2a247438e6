package dev.aloft.router.invoke;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import dev.aloft.router.invoke.InvokeResult.Kind;
import dev.aloft.router.system.InternalToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Runs invocations through the internal invoke API over pooled keep-alive connections: on
 * the gateways' relay, where they take places under the functions' concurrency limits
 * together with synchronous calls and are placed on invokers as those are, or straight on
 * invokers (see {@link InvokersProperties#urls()}). It moves on to the next address only
 * when the function cannot have started there (no connection, a throttle, no capacity): a
 * started invocation is never run twice by this client. Whether to try again later is the
 * caller's decision.
 * <p>
 * The calls go through {@code aloft-http}'s pooled client, as the gateway's own calls to
 * invokers do: it writes and reads on the calling thread, where the JDK's
 * {@code HttpClient} hands every exchange between its selector thread and an executor.
 */
@Component
public class InvokerClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(InvokerClient.class);

	private static final byte[] NO_BODY = new byte[0];

	private final List<URI> invokers;

	private final InvokersProperties properties;

	private final PooledHttpClient httpClient;

	private final AtomicInteger next = new AtomicInteger();

	private final String authorization;

	InvokerClient(InvokersProperties properties, InternalToken internalToken) {
		this.invokers = List.copyOf(properties.urls());
		this.properties = properties;
		// Gateways require the internal token on their relay; invokers ignore it.
		this.authorization = "Bearer " + internalToken.value();
		// Idle connections are kept well within the servers' keep-alive timeouts, and as
		// many per address as the dispatch workers can use at once.
		this.httpClient = new PooledHttpClient(properties.connectTimeout(), Duration.ofSeconds(30), 256);
	}

	/**
	 * Runs an invocation on some invoker.
	 * @param function the version to run
	 * @param configRevision the configuration revision the version was resolved at
	 * @param call the invocation
	 * @return how it ended
	 * @throws InterruptedException when interrupted while waiting
	 */
	public InvokeResult invoke(FunctionVersionConfig function, long configRevision, InvokeCall call)
			throws InterruptedException {
		int first = Math.floorMod(this.next.getAndIncrement(), this.invokers.size());
		InvokeResult last = notStarted(0, "No invoker is configured");
		for (int attempt = 0; attempt < this.invokers.size(); attempt++) {
			URI invoker = this.invokers.get((first + attempt) % this.invokers.size());
			try {
				InvokeResult result = send(invoker, function, configRevision, call);
				if (result.kind() != Kind.NOT_STARTED) {
					return result;
				}
				last = result;
			}
			catch (RequestNotSentException ex) {
				logger.debug("Invoker {} is unreachable: {}", invoker, ex.toString());
				last = notStarted(0, "No invoker is reachable (" + ex.getClass().getSimpleName() + ")");
			}
			catch (SocketTimeoutException ex) {
				return timedOut(call, function);
			}
			catch (IOException ex) {
				// The request may have reached the invoker: do not run it again
				// elsewhere.
				return new InvokeResult(Kind.PLATFORM_ERROR, 0, null, null, NO_BODY, "Lost the connection to invoker "
						+ invoker + " mid-invocation (" + ex.getClass().getSimpleName() + ")");
			}
		}
		return last;
	}

	private InvokeResult send(URI invoker, FunctionVersionConfig function, long configRevision, InvokeCall call)
			throws IOException, InterruptedException {
		String path = InvokerApi.INVOKE_PATH.replace("{namespace}", segment(function.namespace()))
			.replace("{function}", segment(function.functionName()))
			.replace("{version}", segment(function.version()));
		List<Map.Entry<String, String>> headers = List.of(Map.entry("Content-Type", "application/json"),
				Map.entry("Authorization", this.authorization), Map.entry(InvokerApi.REQUEST_ID, call.requestId()),
				Map.entry(InvokerApi.CONFIG_REVISION, Long.toString(configRevision)),
				Map.entry(InvokerApi.INVOKED_FUNCTION_ARN, call.invokedFunctionArn()),
				Map.entry(InvokerApi.TRIGGER, call.trigger()));
		HttpAnswer response = this.httpClient.send(invoker, new HttpRequestLine("POST", path, headers, call.payload()),
				Duration.ofSeconds(function.timeoutSeconds()).plus(this.properties.timeoutMargin()));
		return classify(response);
	}

	@Override
	public void close() {
		this.httpClient.close();
	}

	private static InvokeResult classify(HttpAnswer response) {
		int status = response.status();
		String executedVersion = response.header(InvokerApi.EXECUTED_VERSION);
		String errorType = response.header(InvokerApi.ERROR_TYPE);
		if (status == 200) {
			InvocationOutcome outcome = outcome(response);
			return switch (outcome) {
				case SUCCESS ->
					new InvokeResult(Kind.SUCCESS, status, executedVersion, null, response.body(), "Succeeded");
				case FUNCTION_ERROR,
						FUNCTION_FAILURE ->
					new InvokeResult(Kind.FUNCTION_ERROR, status, executedVersion,
							(errorType != null) ? errorType : InvokerApi.UNHANDLED, response.body(),
							"Function error" + ((errorType != null) ? " (" + errorType + ")" : ""));
				case PLATFORM_ERROR -> new InvokeResult(Kind.PLATFORM_ERROR, status, executedVersion, errorType,
						response.body(), "The invoker failed running the function"
								+ ((errorType != null) ? " (" + errorType + ")" : ""));
			};
		}
		if (status == 429 || status == 503) {
			return notStarted(status, "Throttled or no capacity (" + status + ")");
		}
		if (status == 401 || status == 403) {
			// A gateway that does not share this router's master key: a misconfiguration
			// to mend, not a reason to drop the event. Retried until the event's age runs
			// out.
			logger.warn("The invoke API refused this router's internal token ({}): check ALOFT_MASTER_KEY", status);
			return new InvokeResult(Kind.PLATFORM_ERROR, status, null, null, NO_BODY,
					"The invoke API refused the router's internal token (" + status + ")");
		}
		if (status == 404 || status >= 500) {
			return new InvokeResult(Kind.PLATFORM_ERROR, status, null, null, NO_BODY, "The invoker answered " + status);
		}
		return new InvokeResult(Kind.REJECTED, status, null, null, NO_BODY,
				"The invoker refused the invocation (" + status + ")");
	}

	private static InvocationOutcome outcome(HttpAnswer response) {
		String outcome = response.header(InvokerApi.OUTCOME);
		if (outcome != null) {
			try {
				return InvocationOutcome.valueOf(outcome);
			}
			catch (IllegalArgumentException ex) {
				return InvocationOutcome.PLATFORM_ERROR;
			}
		}
		return (response.header(InvokerApi.FUNCTION_ERROR) != null) ? InvocationOutcome.FUNCTION_ERROR
				: InvocationOutcome.SUCCESS;
	}

	private static String segment(String value) {
		return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
	}

	private static InvokeResult notStarted(int status, String detail) {
		return new InvokeResult(Kind.NOT_STARTED, status, null, null, NO_BODY, detail);
	}

	private static InvokeResult timedOut(InvokeCall call, FunctionVersionConfig function) {
		String body = "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + call.requestId()
				+ " Error: Task timed out after " + function.timeoutSeconds() + ".00 seconds\"}";
		return new InvokeResult(Kind.FUNCTION_ERROR, 200, function.version(), "Sandbox.Timedout",
				body.getBytes(StandardCharsets.UTF_8), "Function error (Sandbox.Timedout)");
	}

}
