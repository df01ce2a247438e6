package dev.aloft.gateway.route;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.gateway.auth.AuthDecision;
import dev.aloft.gateway.auth.RouteAuthorizer;
import dev.aloft.gateway.invoke.FunctionResolver;
import dev.aloft.gateway.system.ProblemType;
import dev.aloft.http.Bodies;
import dev.aloft.problems.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves HTTP routes and function URLs: finds what the request addresses (CORS preflights
 * are answered before, by {@link CorsPreflightFilter}), checks the caller, and sends the
 * function the payload-2.0 event — synchronously, or through the event router for an
 * asynchronous route. Oversized requests are 413, unknown paths 404.
 */
@RestController
class HttpRouteController {

	/** Lambda's synchronous request limit. */
	static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

	private final HttpTargets targets;

	private final RouteAuthorizer authorizer;

	private final FunctionResolver resolver;

	private final HttpInvocations invocations;

	private final JsonMapper jsonMapper;

	private final Clock clock = Clock.systemUTC();

	HttpRouteController(HttpTargets targets, RouteAuthorizer authorizer, FunctionResolver resolver,
			HttpInvocations invocations, JsonMapper jsonMapper) {
		this.targets = targets;
		this.authorizer = authorizer;
		this.resolver = resolver;
		this.invocations = invocations;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * OPTIONS must be mapped explicitly: otherwise Spring MVC answers it itself and the
	 * route (or its 404) never sees it.
	 */
	@RequestMapping(path = "/**", method = RequestMethod.OPTIONS)
	void serveOptions(HttpServletRequest request, HttpServletResponse response)
			throws IOException, InterruptedException {
		serve(request, response);
	}

	@RequestMapping("/**")
	void serve(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
		Instant received = this.clock.instant();
		Routes.Snapshot snapshot = this.targets.current();
		String requestId = UUID.randomUUID().toString();
		HttpTarget target = this.targets.find(snapshot, request, request.getMethod());
		if (target == null) {
			throw new PlatformException(ProblemType.ROUTE_NOT_FOUND,
					"No route matches " + request.getMethod() + " " + request.getRequestURI());
		}
		response.setHeader(target.isFunctionUrl() ? "x-amzn-RequestId" : "apigw-requestid", requestId);
		if (target.cors() != null) {
			// Set now, so that refusals and problems carry them too: a browser can then
			// show the caller why.
			CorsHeaders.actual(target.cors(), request, response);
		}
		byte[] body = Bodies.readAtMost(request.getInputStream(), request.getContentLengthLong(), MAX_PAYLOAD_BYTES);
		if (body.length > MAX_PAYLOAD_BYTES) {
			throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body must be at most " + MAX_PAYLOAD_BYTES + " bytes");
		}
		AuthDecision decision = (target.url() != null) ? this.authorizer.authorize(target.url(), request, body)
				: this.authorizer.authorize(requireRoute(target), request, body);
		if (decision instanceof AuthDecision.Denied denied) {
			writeDenied(denied, response);
			return;
		}
		FunctionVersionConfig function = this.resolver.resolve(snapshot.view(), target.namespace(),
				target.functionName(), target.qualifier());
		if (function == null) {
			throw new PlatformException(ProblemType.FUNCTION_NOT_FOUND, describe(target) + " targets function "
					+ target.functionName() + ":" + target.qualifier() + ", which does not exist");
		}
		String accountId = FunctionResolver.accountId(snapshot.view(), target.namespace());
		Map<String, Object> authorizerContext = ((AuthDecision.Allowed) decision).authorizer();
		byte[] event = this.jsonMapper.writeValueAsBytes(
				HttpApiEvents.of(request, body, target, authorizerContext, requestId, accountId, received));
		if (target.async()) {
			this.invocations.enqueue(target, snapshot.view().revision(), requestId, event,
					request.getHeader("Idempotency-Key"), response);
			return;
		}
		this.invocations.invoke(target, function, snapshot.view(), accountId, requestId, event, response);
	}

	private static RouteConfig requireRoute(HttpTarget target) {
		if (target.route() == null) {
			throw new IllegalStateException("A target is a route or a function URL");
		}
		return target.route();
	}

	private static String describe(HttpTarget target) {
		return target.isFunctionUrl() ? "Function URL " + target.apiId() : "Route " + target.routeKey();
	}

	/**
	 * A refusal as API Gateway writes it: {@code {"message":"Unauthorized"}}.
	 */
	private void writeDenied(AuthDecision.Denied denied, HttpServletResponse response) throws IOException {
		byte[] bytes = this.jsonMapper.writeValueAsBytes(Map.of("message", denied.message()));
		response.setStatus(denied.status());
		response.setContentType("application/json");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
