package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.http.HttpAnswer;
import dev.aloft.http.HttpRequestLine;
import dev.aloft.http.PooledHttpClient;
import dev.aloft.http.RequestNotSentException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Places synchronous invocations on invokers over pooled keep-alive connections (see
 * {@link Placement}): an invoker that holds idle warm environments of the version first,
 * otherwise the least busy healthy one. It moves on to another invoker only when the
 * function cannot have started there (no connection, or the invoker said it had no
 * capacity): a started invocation is never run twice, and each invoker is tried at most
 * once per invocation.
 */
@Component
public class InvokerClient implements AutoCloseable {

	/**
	 * Response header of the internal invoke API: how many idle warm environments of the
	 * invoked version the invoker holds as it answers. Optional; without it placement
	 * falls back to the least busy invoker.
	 */
	public static final String WARM_ENVIRONMENTS = "Aloft-Warm-Environments";

	/**
	 * Error type of a reply whose invocation may have run on an invoker whose connection
	 * broke: never to be retried elsewhere at once.
	 */
	public static final String LOST_INVOKER = "Aloft.InvokerLost";

	/** The same name in lower case, as answers are looked up: no copy per call. */
	private static final String WARM_ENVIRONMENTS_KEY = WARM_ENVIRONMENTS.toLowerCase(Locale.ROOT);

	private static final Logger logger = LoggerFactory.getLogger(InvokerClient.class);

	/** Bounds the warmth table; far more versions than one gateway keeps warm. */
	private static final int MAX_TRACKED_VERSIONS = 10_000;

	private final List<InvokerTarget> targets;

	private final InvokersProperties properties;

	private final PooledHttpClient httpClient;

	private final Placement placement;

	private final WarmthTable warmth;

	private final InvokerHealth health;

	private final AtomicInteger next = new AtomicInteger();

	private final HttpClient streamingClient;

	InvokerClient(InvokersProperties properties) {
		List<InvokerTarget> targets = new ArrayList<>(properties.urls().size());
		for (URI url : properties.urls()) {
			targets.add(new InvokerTarget(targets.size(), url));
		}
		this.targets = List.copyOf(targets);
		this.properties = properties;
		this.httpClient = new PooledHttpClient(properties.connectTimeout(), Duration.ofSeconds(30), 256);
		this.streamingClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		this.placement = new Placement(this.targets);
		this.warmth = new WarmthTable(this.targets.size(), properties.warmthTtl().toNanos(), MAX_TRACKED_VERSIONS);
		this.health = new InvokerHealth(this.targets, this.httpClient, properties.health(),
				properties.connectTimeout());
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
		return invoke(function, configRevision, call, null);
	}

	/**
	 * Runs an invocation on some invoker, taking a streamed response as a stream.
	 * @param function the version to run
	 * @param configRevision the configuration revision the version was resolved at
	 * @param call the invocation
	 * @param streamWriter where a streamed response is written as it arrives; null to
	 * have it gathered by the invoker
	 * @return the reply; {@link InvokeReply#streamed()} when the writer wrote it
	 * @throws InterruptedException when interrupted while waiting
	 */
	public InvokeReply invoke(FunctionVersionConfig function, long configRevision, InvokeCall call,
			@Nullable StreamedResponseWriter streamWriter) throws InterruptedException {
		int start = Math.floorMod(this.next.getAndIncrement(), this.targets.size());
		WarmthTable.Version known = this.warmth.of(function);
		long tried = 0;
		InvokeReply last = unavailable("No invoker is configured");
		for (int attempt = 0; attempt < this.targets.size(); attempt++) {
			InvokerTarget target = this.placement.pick(known, tried, start, System.nanoTime());
			if (target == null) {
				break;
			}
			tried |= 1L << target.index();
			if (known != null) {
				known.taken(target.index());
			}
			target.started();
			try {
				InvokeReply reply = (streamWriter != null)
						? sendAcceptingStream(target, function, configRevision, call, streamWriter)
						: send(target, function, configRevision, call);
				if (reply.status() == 503) {
					this.health.failed(target, "it answered 503");
				}
				else {
					this.health.answered(target);
				}
				if (reply.status() != 429 && reply.status() != 503) {
					return reply;
				}
				last = reply;
			}
			catch (RequestNotSentException ex) {
				this.health.failed(target, ex.toString());
				last = unavailable("No invoker is reachable");
			}
			catch (SocketTimeoutException ex) {
				return timeout(call, function);
			}
			catch (IOException ex) {
				// The request may have reached the invoker: do not run it again
				// elsewhere.
				logger.warn("Lost invocation {} on invoker {}: {}", call.requestId(), target, ex.toString());
				this.health.failed(target, "the connection broke during an invocation");
				return InvokeReply.invokerLost();
			}
			finally {
				target.ended();
			}
		}
		return last;
	}

	/**
	 * The invokers this gateway places on.
	 * @return their base URLs, in configured order
	 */
	public List<URI> invokers() {
		return this.properties.urls();
	}

	/**
	 * The invokers placement currently uses: all but those set aside as unhealthy.
	 * @return the healthy invokers' base URLs
	 */
	public List<URI> healthyInvokers() {
		return this.targets.stream().filter(InvokerTarget::healthy).map(InvokerTarget::uri).toList();
	}

	@Override
	public void close() {
		this.health.close();
		this.httpClient.close();
		this.streamingClient.close();
	}

	private InvokeReply send(InvokerTarget invoker, FunctionVersionConfig function, long configRevision,
			InvokeCall call) throws IOException, InterruptedException {
		HttpAnswer response = this.httpClient.send(invoker.uri(),
				new HttpRequestLine("POST", path(function), headers(configRevision, call), call.payload()),
				timeout(function));
		recordWarmth(function, invoker, response.header(WARM_ENVIRONMENTS_KEY));
		String outcome = response.header(InvokerApi.OUTCOME);
		String contentType = response.header("Content-Type");
		return new InvokeReply(response.status(), (outcome != null) ? InvocationOutcome.valueOf(outcome) : null,
				response.header(InvokerApi.ERROR_TYPE), response.header(InvokerApi.EXECUTED_VERSION),
				response.header(InvokerApi.LOG_RESULT), (contentType != null) ? contentType : "application/json",
				response.body());
	}

	/**
	 * As {@link #send}, but a streamed response is handed to the writer as it arrives.
	 * Rare (function URLs in {@code RESPONSE_STREAM} mode), so it goes through the JDK's
	 * client, which reads a body as it comes, rather than the pooled one.
	 */
	private InvokeReply sendAcceptingStream(InvokerTarget invoker, FunctionVersionConfig function, long configRevision,
			InvokeCall call, StreamedResponseWriter writer) throws IOException, InterruptedException {
		String base = invoker.uri().toString();
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path(function)))
			.timeout(timeout(function))
			.header(InvokerApi.ACCEPT_RESPONSE_STREAM, "true")
			.POST(HttpRequest.BodyPublishers.ofByteArray(call.payload()));
		headers(configRevision, call).forEach((header) -> request.header(header.getKey(), header.getValue()));
		HttpResponse<InputStream> response;
		try {
			response = this.streamingClient.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (ConnectException | HttpConnectTimeoutException ex) {
			throw new RequestNotSentException("Could not connect to " + invoker + ": " + ex.getMessage(), ex);
		}
		catch (HttpTimeoutException ex) {
			throw new SocketTimeoutException(ex.getMessage());
		}
		HttpHeaders headers = response.headers();
		recordWarmth(function, invoker, headers.firstValue(WARM_ENVIRONMENTS).orElse(null));
		String contentType = headers.firstValue("Content-Type").orElse("application/json");
		String executedVersion = headers.firstValue(InvokerApi.EXECUTED_VERSION).orElse(null);
		try (InputStream body = response.body()) {
			if ("true".equals(headers.firstValue(InvokerApi.RESPONSE_STREAMED).orElse(null))) {
				StreamedResponse streamed = new StreamedResponse(contentType, body);
				try {
					writer.write(streamed);
				}
				catch (IOException ex) {
					// The invoker's answer broke off, or the caller went away: either way
					// the function ran, and nothing more can be written.
					logger.debug("Streamed response of {} ended early: {}", call.requestId(), ex.toString());
				}
				return InvokeReply.streamed(executedVersion, streamed.complete());
			}
			String outcome = headers.firstValue(InvokerApi.OUTCOME).orElse(null);
			return new InvokeReply(response.statusCode(), (outcome != null) ? InvocationOutcome.valueOf(outcome) : null,
					headers.firstValue(InvokerApi.ERROR_TYPE).orElse(null), executedVersion,
					headers.firstValue(InvokerApi.LOG_RESULT).orElse(null), contentType, body.readAllBytes());
		}
	}

	private static String path(FunctionVersionConfig function) {
		return InvokerApi.INVOKE_PATH.replace("{namespace}", segment(function.namespace()))
			.replace("{function}", segment(function.functionName()))
			.replace("{version}", segment(function.version()));
	}

	private Duration timeout(FunctionVersionConfig function) {
		return Duration.ofSeconds(function.timeoutSeconds()).plus(this.properties.timeoutMargin());
	}

	private static List<Map.Entry<String, String>> headers(long configRevision, InvokeCall call) {
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
		return headers;
	}

	private void recordWarmth(FunctionVersionConfig function, InvokerTarget invoker, @Nullable String idle) {
		if (idle == null) {
			return;
		}
		try {
			this.warmth.record(function, invoker.index(), Integer.parseInt(idle), System.nanoTime());
		}
		catch (NumberFormatException ex) {
			logger.debug("Invoker {} sent a malformed {} header", invoker, WARM_ENVIRONMENTS);
		}
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
