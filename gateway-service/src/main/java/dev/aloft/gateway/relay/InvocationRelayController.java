package dev.aloft.gateway.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.gateway.invoke.InvokeCall;
import dev.aloft.gateway.invoke.InvokeReply;
import dev.aloft.gateway.invoke.InvokerClient;
import dev.aloft.gateway.system.ProblemType;
import dev.aloft.gateway.throttle.ConcurrencyLimitExceededException;
import dev.aloft.gateway.throttle.ConcurrencyLimits;
import dev.aloft.gateway.throttle.ConcurrencyPermit;
import dev.aloft.http.Bodies;
import dev.aloft.problems.PlatformException;
import dev.aloft.secrets.MasterKey;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The invoker's internal invoke API ({@link InvokerApi}), served by the gateway for the
 * event router. A relayed invocation takes a place under the function's concurrency
 * limits as a synchronous one does, and is placed on an invoker the same way, so a
 * reservation holds for all of a function's invocations together, whichever way they
 * come. Past a limit the answer is {@code 429}, which the router takes as a throttle: it
 * tries again later without counting an attempt, as Lambda does.
 * <p>
 * The path is internal: callers present the services' internal token
 * ({@code Authorization: Bearer}, derived from the master key), or get a {@code 401} and
 * run nothing.
 */
@RestController
class InvocationRelayController {

	/** Lambda's synchronous request limit, as the invoker applies it. */
	static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

	/**
	 * How long to wait for this gateway's view to reach the revision the router resolved
	 * the version at; a version published a moment ago may not have arrived yet.
	 */
	private static final Duration REVISION_WAIT = Duration.ofSeconds(5);

	private static final String BEARER = "Bearer ";

	private final ConfigFeedFollower follower;

	private final ConcurrencyLimits limits;

	private final InvokerClient invokers;

	private final byte[] internalToken;

	InvocationRelayController(ConfigFeedFollower follower, ConcurrencyLimits limits, InvokerClient invokers,
			MasterKey masterKey) {
		this.follower = follower;
		this.limits = limits;
		this.invokers = invokers;
		this.internalToken = masterKey.internalToken().getBytes(StandardCharsets.UTF_8);
	}

	@PostMapping(InvokerApi.INVOKE_PATH)
	ResponseEntity<?> relay(@PathVariable String namespace, @PathVariable String function, @PathVariable String version,
			@RequestHeader(InvokerApi.REQUEST_ID) String requestId,
			@RequestHeader(name = InvokerApi.CONFIG_REVISION, defaultValue = "0") long configRevision,
			@RequestHeader(name = InvokerApi.INVOKED_FUNCTION_ARN, required = false) @Nullable String invokedArn,
			@RequestHeader(name = InvokerApi.TRACE_ID, required = false) @Nullable String traceId,
			@RequestHeader(name = InvokerApi.CLIENT_CONTEXT, required = false) @Nullable String clientContext,
			@RequestHeader(name = InvokerApi.LOG_TYPE, required = false) @Nullable String logType,
			@RequestHeader(name = InvokerApi.TRIGGER, defaultValue = "unknown") String trigger,
			HttpServletRequest request) throws IOException, InterruptedException {
		requireInternalToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		byte[] payload = Bodies.readAtMost(request.getInputStream(), request.getContentLengthLong(), MAX_PAYLOAD_BYTES);
		if (payload.length > MAX_PAYLOAD_BYTES) {
			throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
					"Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
		}
		ConfigView view = viewAt(configRevision);
		FunctionVersionConfig config = view.functionVersion(namespace, function, version);
		if (config == null) {
			throw new PlatformException(ProblemType.FUNCTION_VERSION_NOT_FOUND,
					"Function " + namespace + "/" + function + ":" + version + " is not known to this gateway");
		}
		String contentType = (request.getContentType() != null) ? request.getContentType() : "application/json";
		InvokeCall call = new InvokeCall(requestId, payload, contentType,
				(invokedArn != null) ? invokedArn : config.functionName(), traceId, clientContext,
				InvokerApi.LOG_TYPE_TAIL.equals(logType), trigger);
		InvokeReply reply;
		try (ConcurrencyPermit permit = this.limits.acquire(view, namespace, function)) {
			reply = this.invokers.invoke(config, view.revision(), call);
		}
		catch (ConcurrencyLimitExceededException ex) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(PlatformException.problemDetail(ProblemType.THROTTLED, ex.getMessage()));
		}
		return relayed(reply);
	}

	private void requireInternalToken(@Nullable String authorization) {
		String presented = (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? authorization.substring(BEARER.length()).strip() : null;
		if (presented == null
				|| !MessageDigest.isEqual(this.internalToken, presented.getBytes(StandardCharsets.UTF_8))) {
			throw new PlatformException(ProblemType.UNAUTHENTICATED,
					"Relayed invocations need the services' internal token");
		}
	}

	private ConfigView viewAt(long revision) throws InterruptedException {
		if (this.follower.view().revision() < revision) {
			this.follower.awaitRevision(revision, REVISION_WAIT);
		}
		return this.follower.view();
	}

	/**
	 * The invoker's answer as the invoker gave it, except when the connection to it broke
	 * mid-invocation: that is not a "no capacity" the caller may retry elsewhere at once,
	 * since the function may have run.
	 */
	private static ResponseEntity<?> relayed(InvokeReply reply) {
		if (reply.isInvokerLost()) {
			ProblemDetail problem = PlatformException.problemDetail(ProblemType.INVOKER_LOST,
					new String(reply.body(), StandardCharsets.UTF_8));
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(reply.status())
			.header(HttpHeaders.CONTENT_TYPE, reply.contentType());
		if (reply.outcome() != null) {
			response.header(InvokerApi.OUTCOME, reply.outcome().name());
			if (reply.outcome() != InvocationOutcome.SUCCESS) {
				response.header(InvokerApi.FUNCTION_ERROR, InvokerApi.UNHANDLED);
			}
		}
		if (reply.errorType() != null) {
			response.header(InvokerApi.ERROR_TYPE, reply.errorType());
		}
		if (reply.executedVersion() != null) {
			response.header(InvokerApi.EXECUTED_VERSION, reply.executedVersion());
		}
		if (reply.logResult() != null) {
			response.header(InvokerApi.LOG_RESULT, reply.logResult());
		}
		return response.body(reply.body());
	}

}
