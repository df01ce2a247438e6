package dev.aloft.invoker.invocation;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.http.Bodies;
import dev.aloft.invoker.catalog.Catalog;
import dev.aloft.invoker.pool.EnvironmentPool;
import dev.aloft.invoker.pool.InvocationRequest;
import dev.aloft.invoker.pool.InvocationResult;
import dev.aloft.invoker.pool.PlatformErrors;
import dev.aloft.invoker.pool.ResponseStream;
import dev.aloft.problems.PlatformException;
import dev.aloft.invoker.system.ProblemType;
import dev.aloft.invoker.warmth.WarmthReport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal invoke API (see {@link InvokerApi}): runs one invocation synchronously and
 * answers its result.
 */
@RestController
class InvocationController {

	private static final Logger logger = LoggerFactory.getLogger(InvocationController.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Lambda's synchronous request limit. */
	static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

	private final Catalog catalog;

	private final EnvironmentPool pool;

	private final WarmthReport warmth;

	InvocationController(Catalog catalog, EnvironmentPool pool, WarmthReport warmth) {
		this.catalog = catalog;
		this.pool = pool;
		this.warmth = warmth;
	}

	@PostMapping(InvokerApi.INVOKE_PATH)
	ResponseEntity<?> invoke(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String version, @RequestHeader(InvokerApi.REQUEST_ID) String requestId,
			@RequestHeader(name = InvokerApi.CONFIG_REVISION, defaultValue = "0") long configRevision,
			@RequestHeader(name = InvokerApi.INVOKED_FUNCTION_ARN, required = false) @Nullable String invokedArn,
			@RequestHeader(name = InvokerApi.TRACE_ID, required = false) @Nullable String traceId,
			@RequestHeader(name = InvokerApi.CLIENT_CONTEXT, required = false) @Nullable String clientContext,
			@RequestHeader(name = InvokerApi.LOG_TYPE, required = false) @Nullable String logType,
			@RequestHeader(name = InvokerApi.TRIGGER, defaultValue = "unknown") String trigger,
			@RequestHeader(name = InvokerApi.ACCEPT_RESPONSE_STREAM, defaultValue = "false") boolean acceptsStream,
			HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
		byte[] payload = Bodies.readAtMost(request.getInputStream(), request.getContentLengthLong(), MAX_PAYLOAD_BYTES);
		if (payload.length > MAX_PAYLOAD_BYTES) {
			throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
					"Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
		}
		FunctionVersionConfig config = this.catalog.functionVersion(namespace, function, version, configRevision)
			.orElseThrow(() -> new PlatformException(ProblemType.FUNCTION_VERSION_NOT_FOUND,
					"Function " + namespace + "/" + function + ":" + version + " is not known to this invoker"));
		String contentType = (request.getContentType() != null) ? request.getContentType() : "application/json";
		ResponseStream stream = acceptsStream ? new ResponseStream() : null;
		InvocationRequest invocation = new InvocationRequest(requestId, payload, contentType,
				(invokedArn != null) ? invokedArn : config.functionName(), traceId, clientContext,
				InvokerApi.LOG_TYPE_TAIL.equals(logType), trigger, stream);
		InvocationResult result;
		try {
			CompletableFuture<InvocationResult> pending = this.pool.submit(config, invocation);
			if (stream != null) {
				// A buffered answer, or the start of a stream, whichever comes.
				CompletableFuture.anyOf(pending, stream.opened()).get();
				if (stream.opened().isDone()) {
					passOn(stream, pending, config, response);
					return null;
				}
			}
			result = pending.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Invocation " + requestId + " failed inside the pool", ex.getCause());
		}
		logger.debug("Invocation {} of {} ended {} in {} ms", requestId, config.key(), result.outcome(),
				result.metrics().durationMillis());
		return respond(result, this.warmth.headerValue(config));
	}

	/**
	 * Passes a streamed response on in {@link InvokerApi#RESPONSE_STREAMED} frames, each
	 * chunk as soon as the runtime sent it.
	 */
	private static void passOn(ResponseStream stream, CompletableFuture<InvocationResult> pending,
			FunctionVersionConfig config, HttpServletResponse response) throws IOException, InterruptedException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(stream.opened().join());
		response.setHeader(InvokerApi.RESPONSE_STREAMED, "true");
		response.setHeader(InvokerApi.EXECUTED_VERSION, config.version());
		DataOutputStream out = new DataOutputStream(response.getOutputStream());
		try {
			int end = InvokerApi.STREAM_COMPLETE;
			try {
				for (byte[] chunk = stream.take(); chunk != null; chunk = stream.take()) {
					out.writeInt(chunk.length);
					out.write(chunk);
					out.flush();
				}
			}
			catch (ResponseStream.StreamFailedException ex) {
				end = InvokerApi.STREAM_FAILED;
			}
			out.writeInt(end);
			if (end == InvokerApi.STREAM_FAILED) {
				// The invocation has ended by now (that is what failed the stream).
				InvocationResult result = pending.getNow(null);
				byte[] error = (result != null) ? result.body()
						: PlatformErrors.error("Runtime.Unknown", "The response stream failed");
				out.writeInt(error.length);
				out.write(error);
			}
			out.flush();
		}
		catch (IOException ex) {
			// The caller went away: the rest of the stream has nowhere to go.
			stream.abandon();
			throw ex;
		}
	}

	/**
	 * The platform's reason an invocation did not start, from its error JSON, so the
	 * caller learns it (an image missing, an unsupported runtime), not only its type.
	 */
	private static String reason(InvocationResult result) {
		try {
			JsonNode message = JSON.readTree(result.body()).path("errorMessage");
			return message.isString() ? ": " + message.asString() : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	/**
	 * The answer, with the version's idle warm environments when known: the gateway
	 * places the next call of the version by it.
	 */
	private static ResponseEntity<?> respond(InvocationResult result, @Nullable String warmEnvironments) {
		if (result.outcome() == InvocationOutcome.PLATFORM_ERROR && !result.started()
				&& PlatformErrors.START_FAILED.equals(result.errorType())) {
			// A missing image or an unsupported runtime fails the same way every time:
			// answered as a failure, not as a throttle the caller would retry for ever.
			ProblemDetail problem = PlatformException.problemDetail(ProblemType.ENVIRONMENT_NOT_STARTED,
					"The function's environment could not be started" + reason(result));
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
				.header(InvokerApi.ERROR_TYPE, String.valueOf(result.errorType()))
				.body(problem);
		}
		if (result.outcome() == InvocationOutcome.PLATFORM_ERROR && !result.started()) {
			ProblemDetail problem = PlatformException.problemDetail(ProblemType.NO_CAPACITY,
					"The invocation did not start: " + result.errorType() + reason(result));
			ResponseEntity.BodyBuilder tooMany = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.header(InvokerApi.ERROR_TYPE, String.valueOf(result.errorType()));
			if (warmEnvironments != null) {
				tooMany.header(WarmthReport.HEADER, warmEnvironments);
			}
			return tooMany.body(problem);
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, result.contentType())
			.header(InvokerApi.OUTCOME, result.outcome().name())
			.header(InvokerApi.EXECUTED_VERSION, result.executedVersion());
		if (warmEnvironments != null) {
			response.header(WarmthReport.HEADER, warmEnvironments);
		}
		if (result.outcome() != InvocationOutcome.SUCCESS) {
			response.header(InvokerApi.FUNCTION_ERROR, InvokerApi.UNHANDLED);
			response.header(InvokerApi.ERROR_TYPE, String.valueOf(result.errorType()));
		}
		if (result.logTail().length > 0) {
			response.header(InvokerApi.LOG_RESULT, Base64.getEncoder().encodeToString(result.logTail()));
		}
		return response.body(result.body());
	}

}
