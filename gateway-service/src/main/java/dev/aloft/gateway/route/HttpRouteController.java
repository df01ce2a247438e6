package dev.aloft.gateway.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.gateway.GatewayProperties;
import dev.aloft.gateway.invoke.FunctionResolver;
import dev.aloft.gateway.invoke.InvokeCall;
import dev.aloft.gateway.invoke.InvokeReply;
import dev.aloft.gateway.invoke.InvokerClient;
import dev.aloft.problems.PlatformException;
import dev.aloft.gateway.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves HTTP routes: matches the request, sends the function the payload-2.0 event, and
 * maps its output back as API Gateway does. Function failures become 502, timeouts 504, a
 * lack of capacity 503, oversized requests 413.
 */
@RestController
class HttpRouteController {

	/** Lambda's synchronous request limit. */
	static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

	/** Hop-by-hop and framing headers the servlet container owns. */
	private static final Set<String> RESERVED_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

	private final Routes routes;

	private final InvokerClient invokers;

	private final FunctionResolver resolver;

	private final GatewayProperties gateway;

	private final JsonMapper jsonMapper;

	private final Clock clock = Clock.systemUTC();

	HttpRouteController(Routes routes, InvokerClient invokers, FunctionResolver resolver, GatewayProperties gateway,
			JsonMapper jsonMapper) {
		this.routes = routes;
		this.invokers = invokers;
		this.resolver = resolver;
		this.gateway = gateway;
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
		Routes.Snapshot snapshot = this.routes.current();
		RouteMatch match = snapshot.table()
			.match(request.getMethod(), request.getRequestURI())
			.orElseThrow(() -> new PlatformException(ProblemType.ROUTE_NOT_FOUND,
					"No route matches " + request.getMethod() + " " + request.getRequestURI()));
		RouteConfig route = match.route();
		FunctionVersionConfig function = this.resolver.resolve(snapshot.view(), route.namespace(), route.functionName(),
				route.qualifier());
		if (function == null) {
			throw new PlatformException(ProblemType.FUNCTION_NOT_FOUND, "Route " + match.routeKey()
					+ " targets function " + route.functionName() + ":" + route.qualifier() + ", which does not exist");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_PAYLOAD_BYTES + 1);
		if (body.length > MAX_PAYLOAD_BYTES) {
			throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body must be at most " + MAX_PAYLOAD_BYTES + " bytes");
		}
		String requestId = UUID.randomUUID().toString();
		String accountId = FunctionResolver.accountId(snapshot.view(), route.namespace());
		HttpApiEvent event = HttpApiEvents.of(request, body, match, requestId, accountId, received);
		InvokeCall call = new InvokeCall(requestId, this.jsonMapper.writeValueAsBytes(event), "application/json",
				this.gateway.functionArn(accountId, route.functionName(),
						FunctionVersionConfig.LATEST.equals(route.qualifier()) ? null : route.qualifier()),
				null, null, false, "http");
		InvokeReply reply = this.invokers.invoke(function, snapshot.view().revision(), call);
		response.setHeader("apigw-requestid", requestId);
		write(reply, response);
	}

	private void write(InvokeReply reply, HttpServletResponse response) throws IOException {
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
			if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
				continue;
			}
			for (String value : header.getValue()) {
				response.addHeader(header.getKey(), value);
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
		return switch (reply.status()) {
			case 413 -> new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "The event is too large for the function");
			case 404 ->
				new PlatformException(ProblemType.NO_CAPACITY, "The invokers do not know the function yet; try again");
			case 429, 503 ->
				new PlatformException(ProblemType.NO_CAPACITY, "No invoker can run the function now; try again");
			default -> new PlatformException(ProblemType.INTERNAL_ERROR,
					"The invoker answered " + reply.status() + ": " + detail);
		};
	}

}
