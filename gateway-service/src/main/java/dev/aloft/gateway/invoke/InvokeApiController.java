package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.router.EventRouterApi;
import dev.aloft.gateway.GatewayProperties;
import dev.aloft.gateway.awsapi.Authentication;
import dev.aloft.gateway.awsapi.AwsRequestAuthenticator;
import dev.aloft.gateway.awsapi.GatewayCaller;
import dev.aloft.gateway.awsapi.LambdaErrors;
import dev.aloft.gateway.throttle.ConcurrencyLimitExceededException;
import dev.aloft.gateway.throttle.ConcurrencyLimits;
import dev.aloft.gateway.throttle.ConcurrencyPermit;
import dev.aloft.http.Bodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Lambda Invoke API, {@code POST /2015-03-31/functions/{FunctionName}/invocations},
 * as {@code LAMBDA-CONTRACT.md} section 2 gives it: SigV4-authenticated;
 * {@code RequestResponse}, {@code Event} (stored durably by the event router before the
 * 202) and {@code DryRun}; {@code X-Amz-Log-Type: Tail}; Lambda's headers, status codes
 * and error types. A key may invoke when its role in the function's namespace allows it,
 * or when it holds a statement of the function's resource policy for the qualifier
 * invoked ({@code $LATEST} when none is named). A key with no role names a function in
 * another namespace than {@code default} by ARN, whose account id names the namespace.
 */
@RestController
class InvokeApiController {

	/** Lambda's synchronous request limit. */
	static final int MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

	/** Lambda's limit on the base64 client context. */
	static final int MAX_CLIENT_CONTEXT_LENGTH = 3583;

	private static final String LATEST = FunctionVersionConfig.LATEST;

	private final AwsRequestAuthenticator authenticator;

	private final ConfigFeedFollower follower;

	private final FunctionResolver resolver;

	private final InvokerClient invokers;

	private final EventRouterClient router;

	private final GatewayProperties gateway;

	private final JsonMapper jsonMapper;

	private final ConcurrencyLimits limits;

	InvokeApiController(AwsRequestAuthenticator authenticator, ConfigFeedFollower follower, FunctionResolver resolver,
			InvokerClient invokers, EventRouterClient router, GatewayProperties gateway, JsonMapper jsonMapper,
			ConcurrencyLimits limits) {
		this.limits = limits;
		this.authenticator = authenticator;
		this.follower = follower;
		this.resolver = resolver;
		this.invokers = invokers;
		this.router = router;
		this.gateway = gateway;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/2015-03-31/functions/{functionName}/invocations")
	void invoke(@PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifier, HttpServletRequest request,
			HttpServletResponse response) throws IOException, InterruptedException {
		handle(functionName, qualifier, false, request, response);
	}

	/**
	 * {@code InvokeWithResponseStream}: as {@code Invoke}, but the answer is an event
	 * stream that passes the function's response on as it is written (see
	 * {@link ResponseEventStream}). {@code RequestResponse} and {@code DryRun} only.
	 */
	@PostMapping("/2021-11-15/functions/{functionName}/response-streaming-invocations")
	void invokeWithResponseStream(@PathVariable String functionName,
			@RequestParam(name = "Qualifier", required = false) @Nullable String qualifier, HttpServletRequest request,
			HttpServletResponse response) throws IOException, InterruptedException {
		handle(functionName, qualifier, true, request, response);
	}

	private void handle(String functionName, @Nullable String qualifier, boolean streaming, HttpServletRequest request,
			HttpServletResponse response) throws IOException, InterruptedException {
		String requestId = UUID.randomUUID().toString();
		byte[] body = Bodies.readAtMost(request.getInputStream(), request.getContentLengthLong(),
				MAX_SYNC_PAYLOAD_BYTES);
		Authentication authentication = this.authenticator.authenticate(request, body);
		if (authentication instanceof Authentication.Refused refused) {
			LambdaErrors.write(response, refused.status(), refused.errorCode(), refused.message(), requestId);
			return;
		}
		GatewayCaller caller = ((Authentication.Authenticated) authentication).caller();
		FunctionReference reference = FunctionReference.parse(functionName);
		if (reference == null) {
			LambdaErrors.write(response, 400, "ValidationException",
					"1 validation error detected: Value '" + functionName + "' at 'functionName' failed to satisfy "
							+ "constraint: Member must satisfy regular expression pattern: "
							+ FunctionReference.MODEL_PATTERN,
					requestId);
			return;
		}
		if (qualifier != null && reference.qualifier() != null && !qualifier.equals(reference.qualifier())) {
			LambdaErrors.write(response, 400, "InvalidParameterValueException",
					"The derived qualifier from the function name does not match the specified qualifier.", requestId);
			return;
		}
		if (reference.region() != null && !reference.region().equals(this.gateway.region())) {
			LambdaErrors.write(response, 404, "ResourceNotFoundException", "Functions from '" + reference.region()
					+ "' are not reachable in this region ('" + this.gateway.region() + "')", requestId);
			return;
		}
		String effectiveQualifier = (qualifier != null) ? qualifier
				: (reference.qualifier() != null) ? reference.qualifier() : LATEST;
		ConfigView view = this.follower.view();
		String namespace = (reference.accountId() != null) ? FunctionResolver.namespaceOf(view, reference.accountId())
				: caller.homeNamespace();
		String account = (reference.accountId() != null) ? reference.accountId()
				: FunctionResolver.accountId(view, namespace);
		String qualifiedArn = arn(account, reference.name(), effectiveQualifier);
		if (namespace == null) {
			LambdaErrors.write(response, 404, "ResourceNotFoundException", "Function not found: " + qualifiedArn,
					requestId);
			return;
		}
		if (!caller.mayInvoke(namespace)
				&& !view.invokePermitted(caller.accessKeyId(), namespace, reference.name(), effectiveQualifier)) {
			LambdaErrors.write(response, 403, "AccessDeniedException",
					"User: " + caller.accessKeyId()
							+ " is not authorized to perform: lambda:InvokeFunction on resource: " + qualifiedArn,
					requestId);
			return;
		}
		FunctionVersionConfig function = this.resolver.resolve(view, namespace, reference.name(), effectiveQualifier);
		if (function == null) {
			LambdaErrors.write(response, 404, "ResourceNotFoundException", "Function not found: " + qualifiedArn,
					requestId);
			return;
		}
		String invocationType = headerOr(request, "X-Amz-Invocation-Type", "RequestResponse");
		String invokedArn = (qualifier != null || reference.qualifier() != null) ? qualifiedArn
				: arn(account, reference.name(), null);
		switch (invocationType) {
			case "DryRun" -> {
				response.setStatus(204);
				response.setHeader("x-amzn-RequestId", requestId);
			}
			case "Event" -> {
				if (streaming) {
					LambdaErrors.write(response, 400, "InvalidParameterValueException",
							"Unsupported invocation type Event for InvokeWithResponseStream", requestId);
				}
				else {
					enqueue(namespace, reference.name(), effectiveQualifier, view.revision(), body, requestId,
							response);
				}
			}
			case "RequestResponse" ->
				invokeSynchronously(function, view, invokedArn, body, requestId, streaming, request, response);
			default -> LambdaErrors.write(response, 400, "InvalidParameterValueException",
					"Unsupported invocation type " + invocationType, requestId);
		}
	}

	private void enqueue(String namespace, String functionName, String qualifier, long revision, byte[] body,
			String requestId, HttpServletResponse response) throws IOException, InterruptedException {
		if (body.length > EventRouterApi.MAX_PAYLOAD_BYTES) {
			LambdaErrors.write(response, 413, "RequestEntityTooLargeException",
					body.length + " byte payload is too large for the Event invocation type (limit "
							+ EventRouterApi.MAX_PAYLOAD_BYTES + " bytes)",
					requestId);
			return;
		}
		EventRouterClient.Enqueued enqueued = this.router.enqueue(namespace, functionName, qualifier, revision,
				"invoke-api", (body.length == 0) ? "{}".getBytes(StandardCharsets.UTF_8) : body, null);
		switch (enqueued.status()) {
			case 202 -> {
				response.setStatus(202);
				// As on Lambda, the id the caller gets is the request id the function
				// will
				// see (on every retry): the router's id for the stored event.
				response.setHeader("x-amzn-RequestId",
						(enqueued.invocationId() != null) ? enqueued.invocationId() : requestId);
			}
			case 404 -> LambdaErrors.write(response, 404, "ResourceNotFoundException",
					"Function not found: " + functionName, requestId);
			default -> LambdaErrors.write(response, 500, "ServiceException",
					"The asynchronous invocation could not be queued; try again", requestId);
		}
	}

	private void invokeSynchronously(FunctionVersionConfig function, ConfigView view, String invokedArn, byte[] body,
			String requestId, boolean streaming, HttpServletRequest request, HttpServletResponse response)
			throws IOException, InterruptedException {
		if (body.length > MAX_SYNC_PAYLOAD_BYTES) {
			LambdaErrors.write(response, 413, "RequestEntityTooLargeException", "Request must be smaller than "
					+ MAX_SYNC_PAYLOAD_BYTES + " bytes for the InvokeFunction operation", requestId);
			return;
		}
		byte[] payload = (body.length == 0) ? "{}".getBytes(StandardCharsets.UTF_8) : body;
		try {
			this.jsonMapper.readTree(payload);
		}
		catch (JacksonException ex) {
			LambdaErrors.write(response, 400, "InvalidRequestContentException",
					"Could not parse request body into json: Could not parse payload into json: "
							+ ex.getOriginalMessage(),
					requestId);
			return;
		}
		String logType = headerOr(request, "X-Amz-Log-Type", "None");
		if (!logType.equals("None") && !logType.equals("Tail")) {
			LambdaErrors.write(response, 400, "InvalidParameterValueException", "Unsupported log type " + logType,
					requestId);
			return;
		}
		String clientContext;
		try {
			clientContext = clientContext(request.getHeader("X-Amz-Client-Context"));
		}
		catch (IllegalArgumentException ex) {
			LambdaErrors.write(response, 400, "InvalidRequestContentException", ex.getMessage(), requestId);
			return;
		}
		InvokeCall call = new InvokeCall(requestId, payload, "application/json", invokedArn,
				request.getHeader("X-Amzn-Trace-Id"), clientContext, logType.equals("Tail"), "invoke-api");
		ResponseEventStream events = streaming
				? new ResponseEventStream(response, requestId, function.version(), this.jsonMapper) : null;
		InvokeReply reply;
		try (ConcurrencyPermit permit = this.limits.acquire(view, function.namespace(), function.functionName())) {
			reply = this.invokers.invoke(function, view.revision(), call, (events != null) ? events::write : null);
		}
		catch (ConcurrencyLimitExceededException ex) {
			response.setHeader("Retry-After", "1");
			LambdaErrors.write(response, 429, "TooManyRequestsException", "Rate Exceeded.", requestId,
					Map.of("Reason", ex.reservedLimit() ? "ReservedFunctionConcurrentInvocationLimitExceeded"
							: "ConcurrentInvocationLimitExceeded"));
			return;
		}
		if (reply.isInvokerLost()) {
			// As Lambda answers a failure of its own mid-invocation: the function may
			// have run.
			LambdaErrors.write(response, 500, "ServiceException",
					"The invoker running the function was lost; the function may have run", requestId);
			return;
		}
		if (!reply.ran()) {
			switch (reply.status()) {
				case 429, 503 -> {
					response.setHeader("Retry-After", "1");
					LambdaErrors.write(response, 429, "TooManyRequestsException", "Rate Exceeded.", requestId,
							Map.of("Reason", "ConcurrentInvocationLimitExceeded"));
				}
				case 502 -> LambdaErrors.write(response, 502, "ResourceNotReadyException",
						"The function's execution environment could not be started" + problemDetail(reply), requestId);
				case 413 ->
					LambdaErrors.write(response, 413, "RequestEntityTooLargeException", "Request must be smaller than "
							+ MAX_SYNC_PAYLOAD_BYTES + " bytes for the InvokeFunction operation", requestId);
				default -> LambdaErrors.write(response, 500, "ServiceException",
						"The function could not be invoked; try again", requestId);
			}
			return;
		}
		if (events != null) {
			events.finish(reply);
			return;
		}
		response.setStatus(200);
		response.setHeader("x-amzn-RequestId", requestId);
		response.setHeader("X-Amz-Executed-Version",
				(reply.executedVersion() != null) ? reply.executedVersion() : function.version());
		if (reply.outcome() != InvocationOutcome.SUCCESS) {
			response.setHeader("X-Amz-Function-Error", "Unhandled");
		}
		if (reply.logResult() != null) {
			response.setHeader("X-Amz-Log-Result", reply.logResult());
		}
		response.setContentType("application/json");
		response.setContentLength(reply.body().length);
		response.getOutputStream().write(reply.body());
	}

	/**
	 * The client context JSON from its base64 header, or null when absent.
	 * @throws IllegalArgumentException when it is not base64 of a JSON object, or too
	 * long
	 */
	private @Nullable String clientContext(@Nullable String header) {
		if (header == null || header.isEmpty()) {
			return null;
		}
		if (header.length() > MAX_CLIENT_CONTEXT_LENGTH) {
			throw new IllegalArgumentException(
					"Client context must be at most " + MAX_CLIENT_CONTEXT_LENGTH + " bytes of base64");
		}
		try {
			String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
			if (!this.jsonMapper.readTree(json).isObject()) {
				throw new IllegalArgumentException("Client context must be a base64-encoded JSON object");
			}
			return json;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Client context must be a base64-encoded JSON object");
		}
	}

	private String arn(String accountId, String functionName, @Nullable String qualifier) {
		return this.gateway.functionArn(accountId, functionName, qualifier);
	}

	private static String headerOr(HttpServletRequest request, String name, String fallback) {
		String value = request.getHeader(name);
		return (value != null && !value.isEmpty()) ? value : fallback;
	}

	/**
	 * The invoker's reason an invocation did not start, from its problem's detail.
	 */
	private String problemDetail(InvokeReply reply) {
		try {
			JsonNode detail = this.jsonMapper.readTree(reply.body()).path("detail");
			return detail.isString() ? " (" + detail.asString() + ")" : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
