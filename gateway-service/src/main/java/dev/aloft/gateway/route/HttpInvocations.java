package dev.aloft.gateway.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.router.EventRouterApi;
import dev.aloft.gateway.GatewayProperties;
import dev.aloft.gateway.invoke.EventRouterClient;
import dev.aloft.gateway.invoke.InvokeCall;
import dev.aloft.gateway.invoke.InvokeReply;
import dev.aloft.gateway.invoke.InvokerClient;
import dev.aloft.gateway.invoke.StreamedResponseWriter;
import dev.aloft.gateway.system.ProblemType;
import dev.aloft.gateway.throttle.ConcurrencyLimitExceededException;
import dev.aloft.gateway.throttle.ConcurrencyLimits;
import dev.aloft.gateway.throttle.ConcurrencyPermit;
import dev.aloft.problems.PlatformException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Runs the event of an HTTP request: synchronously on an invoker within the concurrency
 * limits, mapping the function's output back as API Gateway does (failures 502, timeouts
 * 504, no capacity 503, throttled 429); or, for an asynchronous route, handed to the
 * event router, answering 202 only once the router has stored it.
 */
@Component
class HttpInvocations {

	/** Hop-by-hop and framing headers the servlet container owns. */
	private static final Set<String> RESERVED_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

	/** The function URL invoke mode whose responses are streamed. */
	private static final String RESPONSE_STREAM = "RESPONSE_STREAM";

	/** What the event router takes as an idempotency key, less the gateway's prefix. */
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1,250}");

	private final InvokerClient invokers;

	private final EventRouterClient router;

	private final GatewayProperties gateway;

	private final JsonMapper jsonMapper;

	private final ConcurrencyLimits limits;

	private final StreamedHttpResponse streamed;

	HttpInvocations(InvokerClient invokers, EventRouterClient router, GatewayProperties gateway, JsonMapper jsonMapper,
			ConcurrencyLimits limits) {
		this.limits = limits;
		this.streamed = new StreamedHttpResponse(jsonMapper, RESERVED_HEADERS);
		this.invokers = invokers;
		this.router = router;
		this.gateway = gateway;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Runs the event and writes the function's response.
	 * @param target what the request addressed
	 * @param function the version to run
	 * @param view the configuration it was resolved at
	 * @param accountId the namespace's account id
	 * @param requestId the request's id
	 * @param event the payload-2.0 event
	 * @param response the response to write
	 * @throws IOException when the response cannot be written
	 * @throws InterruptedException when interrupted while waiting
	 */
	void invoke(HttpTarget target, FunctionVersionConfig function, ConfigView view, String accountId, String requestId,
			byte[] event, HttpServletResponse response) throws IOException, InterruptedException {
		String qualifier = FunctionVersionConfig.LATEST.equals(target.qualifier()) ? null : target.qualifier();
		InvokeCall call = new InvokeCall(requestId, event, "application/json",
				this.gateway.functionArn(accountId, target.functionName(), qualifier), null, null, false,
				target.trigger());
		boolean corsApplied = target.cors() != null;
		StreamedResponseWriter streamWriter = streams(target)
				? (stream) -> this.streamed.write(stream, corsApplied, response) : null;
		InvokeReply reply;
		try (ConcurrencyPermit permit = this.limits.acquire(view, target.namespace(), target.functionName())) {
			reply = this.invokers.invoke(function, view.revision(), call, streamWriter);
		}
		catch (ConcurrencyLimitExceededException ex) {
			throw new PlatformException(ProblemType.THROTTLED, ex.getMessage());
		}
		if (reply.streamed()) {
			if (reply.outcome() != InvocationOutcome.SUCCESS) {
				throwStreamCut(response);
			}
			return;
		}
		write(reply, corsApplied, response);
	}

	/**
	 * Whether the target's response is streamed: a function URL in
	 * {@code RESPONSE_STREAM} mode.
	 */
	private static boolean streams(HttpTarget target) {
		return target.url() != null && RESPONSE_STREAM.equals(target.url().invokeMode());
	}

	/**
	 * A stream the function did not finish: a problem if nothing was sent yet, else the
	 * connection is cut (the exception reaches the container, which closes it without
	 * ending the body), so the caller sees the response is incomplete.
	 */
	private static void throwStreamCut(HttpServletResponse response) throws IOException {
		if (!response.isCommitted()) {
			throw new PlatformException(ProblemType.FUNCTION_ERROR, "The function failed while streaming");
		}
		throw new ResponseStreamCutException();
	}

	/**
	 * Hands the event to the event router and answers 202 once it is stored durably, with
	 * {@code {"requestId", "invocationId"}}. Nothing is claimed accepted otherwise: a
	 * router that is down or does not answer is a 503 problem.
	 * @param target what the request addressed
	 * @param revision the configuration revision the function was resolved at
	 * @param requestId the request's id
	 * @param event the payload-2.0 event
	 * @param idempotencyKey the caller's {@code Idempotency-Key}, or null
	 * @param response the response to write
	 * @throws IOException when the response cannot be written
	 * @throws InterruptedException when interrupted while waiting
	 */
	void enqueue(HttpTarget target, long revision, String requestId, byte[] event, @Nullable String idempotencyKey,
			HttpServletResponse response) throws IOException, InterruptedException {
		if (event.length > EventRouterApi.MAX_PAYLOAD_BYTES) {
			throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
					"The event of an asynchronous route must be at most " + EventRouterApi.MAX_PAYLOAD_BYTES
							+ " bytes, body and request details together");
		}
		if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw new PlatformException(ProblemType.MALFORMED_REQUEST,
					"Idempotency-Key must be 1 to 250 printable ASCII characters");
		}
		// Keys are unique per function: the prefix keeps routes and the Invoke API apart.
		EventRouterClient.Enqueued enqueued = this.router.enqueue(target.namespace(), target.functionName(),
				target.qualifier(), revision, "route", event,
				(idempotencyKey != null) ? "route:" + idempotencyKey : null);
		if (!enqueued.accepted()) {
			throw switch (enqueued.status()) {
				case 404 -> new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
						"The event router does not know the route's function " + target.functionName() + ":"
								+ target.qualifier());
				case 413 -> new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "The event is too large to queue");
				default -> new PlatformException(ProblemType.EVENT_NOT_ACCEPTED,
						"The event could not be queued, and was not accepted; try again");
			};
		}
		Map<String, String> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		if (enqueued.invocationId() != null) {
			body.put("invocationId", enqueued.invocationId());
		}
		byte[] bytes = this.jsonMapper.writeValueAsBytes(body);
		response.setStatus(HttpServletResponse.SC_ACCEPTED);
		response.setContentType("application/json");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private void write(InvokeReply reply, boolean corsApplied, HttpServletResponse response) throws IOException {
		if (!reply.ran()) {
			throw notRun(reply);
		}
		if (reply.outcome() != InvocationOutcome.SUCCESS) {
			if ("Sandbox.Timedout".equals(reply.errorType())) {
				throw new PlatformException(ProblemType.FUNCTION_TIMEOUT, "The function timed out");
			}
			throw new PlatformException(ProblemType.FUNCTION_ERROR, "The function failed with " + reply.errorType());
		}
		HttpApiResponse mapped = HttpApiResponse.from(reply.body(), this.jsonMapper);
		if (mapped == null) {
			throw new PlatformException(ProblemType.MALFORMED_FUNCTION_RESPONSE,
					"The function's output is not valid JSON or not a valid response object");
		}
		response.setStatus(mapped.status());
		for (Map.Entry<String, List<String>> header : mapped.headers().entrySet()) {
			String name = header.getKey();
			if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
					|| (corsApplied && CorsHeaders.isCorsHeader(name))) {
				continue;
			}
			for (String value : header.getValue()) {
				response.addHeader(name, value);
			}
		}
		for (String cookie : mapped.cookies()) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie);
		}
		response.setContentLength(mapped.body().length);
		response.getOutputStream().write(mapped.body());
	}

	private static PlatformException notRun(InvokeReply reply) {
		String detail = new String(reply.body(), StandardCharsets.UTF_8);
		if (reply.isInvokerLost()) {
			return new PlatformException(ProblemType.INVOKER_LOST,
					"The invoker running the function was lost; the function may have run");
		}
		return switch (reply.status()) {
			case 413 -> new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "The event is too large for the function");
			case 404 ->
				new PlatformException(ProblemType.NO_CAPACITY, "The invokers do not know the function yet; try again");
			case 429, 503 ->
				new PlatformException(ProblemType.NO_CAPACITY, "No invoker can run the function now; try again");
			// The invoker's reason (an image, a runtime) is for the function's owner, who
			// sees it through the Invoke API and the invoker's log, not for route
			// callers.
			case 502 -> new PlatformException(ProblemType.ENVIRONMENT_NOT_STARTED,
					"The function's environment could not be started");
			default -> new PlatformException(ProblemType.INTERNAL_ERROR,
					"The invoker answered " + reply.status() + ": " + detail);
		};
	}

}
