package dev.aloft.gateway.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.gateway.awsapi.Authentication;
import dev.aloft.gateway.awsapi.AwsRequestAuthenticator;
import dev.aloft.gateway.awsapi.GatewayCaller;
import dev.aloft.gateway.invoke.FunctionResolver;
import dev.aloft.secrets.SecretBox;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Decides whether a request may call a route or a function URL, by the route's
 * {@link RouteAuth} or the URL's auth type:
 * <ul>
 * <li>{@code NONE}: anyone;</li>
 * <li>{@code API_KEY}: an {@code x-api-key} whose SHA-256 is one the route holds;</li>
 * <li>{@code JWT}: a verified bearer token (see {@link JwtAuthenticator});</li>
 * <li>{@code AWS_IAM}: an AWS Signature V4 by an access key with invoke rights in the
 * function's namespace, or with a statement of the function's resource policy for the
 * qualifier invoked — scoped to {@code execute-api} or {@code lambda} for a route, to
 * {@code lambda} for a function URL, as AWS signs each.</li>
 * </ul>
 * Missing or invalid credentials are 401 {@code Unauthorized}; a valid key without the
 * right to invoke is 403 {@code Forbidden}. An unknown auth type refuses everyone.
 */
@Component
public class RouteAuthorizer {

	/** API Gateway's API key header. */
	static final String API_KEY_HEADER = "x-api-key";

	private static final Logger logger = LoggerFactory.getLogger(RouteAuthorizer.class);

	private static final Set<String> ROUTE_SIGNING_SERVICES = Set.of("execute-api", AwsRequestAuthenticator.LAMBDA);

	private static final Set<String> URL_SIGNING_SERVICES = Set.of(AwsRequestAuthenticator.LAMBDA);

	private final AwsRequestAuthenticator awsAuthenticator;

	private final ConfigFeedFollower follower;

	private final JwtAuthenticator jwtAuthenticator;

	RouteAuthorizer(AwsRequestAuthenticator awsAuthenticator, ConfigFeedFollower follower, SecretBox secretBox,
			AuthProperties properties, JsonMapper jsonMapper) {
		this.awsAuthenticator = awsAuthenticator;
		this.follower = follower;
		Clock clock = Clock.systemUTC();
		this.jwtAuthenticator = new JwtAuthenticator(properties, clock, jsonMapper, secretBox,
				new JwksKeys(properties, clock, jsonMapper));
	}

	/**
	 * Whether a request may call a route.
	 * @param route the route it matched
	 * @param request the request
	 * @param body its body (AWS signatures cover it)
	 * @return the decision
	 */
	public AuthDecision authorize(RouteConfig route, HttpServletRequest request, byte[] body) {
		RouteAuth auth = route.auth();
		return switch (auth.type()) {
			case "NONE" -> new AuthDecision.Allowed(null);
			case "API_KEY" -> ApiKeys.accepts(request.getHeader(API_KEY_HEADER), auth.apiKeySha256())
					? new AuthDecision.Allowed(null) : denied(route.id(), "no valid API key");
			case "JWT" -> jwt(route, request);
			case "AWS_IAM" -> iam(new InvokeTarget(route.namespace(), route.functionName(), route.qualifier()),
					ROUTE_SIGNING_SERVICES, request, body);
			default -> denied(route.id(), "unknown auth type " + auth.type());
		};
	}

	/**
	 * Whether a request may call a function URL.
	 * @param url the function URL
	 * @param request the request
	 * @param body its body
	 * @return the decision
	 */
	public AuthDecision authorize(FunctionUrlConfig url, HttpServletRequest request, byte[] body) {
		return switch (url.authType()) {
			case "NONE" -> new AuthDecision.Allowed(null);
			case "AWS_IAM" -> iam(new InvokeTarget(url.namespace(), url.functionName(), url.qualifier()),
					URL_SIGNING_SERVICES, request, body);
			default -> denied(url.urlId(), "unknown auth type " + url.authType());
		};
	}

	private AuthDecision jwt(RouteConfig route, HttpServletRequest request) {
		RouteAuth.Jwt settings = route.auth().jwt();
		if (settings == null) {
			return denied(route.id(), "a JWT route without JWT settings");
		}
		try {
			return new AuthDecision.Allowed(
					this.jwtAuthenticator.authenticate(request.getHeader("Authorization"), route.id(), settings));
		}
		catch (InvalidTokenException ex) {
			return denied(route.id(), ex.getMessage());
		}
	}

	/**
	 * A signed request is allowed when the key may invoke in the function's namespace, or
	 * holds a statement of the function's resource policy for the route's qualifier.
	 */
	private AuthDecision iam(InvokeTarget target, Set<String> services, HttpServletRequest request, byte[] body) {
		Authentication authentication = this.awsAuthenticator.authenticate(request, body, services);
		if (authentication instanceof Authentication.Refused refused) {
			return denied(target.namespace(), refused.message());
		}
		GatewayCaller caller = ((Authentication.Authenticated) authentication).caller();
		if (!caller.mayInvoke(target.namespace()) && !this.follower.view()
			.invokePermitted(caller.accessKeyId(), target.namespace(), target.functionName(), target.qualifier())) {
			logger.debug("Refused {}: no invoke rights in namespace {} nor on function {}:{}", caller.accessKeyId(),
					target.namespace(), target.functionName(), target.qualifier());
			return AuthDecision.Denied.FORBIDDEN;
		}
		return new AuthDecision.Allowed(Map.of("iam", iamContext(caller)));
	}

	/**
	 * {@code requestContext.authorizer.iam} as API Gateway and function URLs fill it. An
	 * Aloft access key is its own user: its id stands for the caller and user ids.
	 */
	private Map<String, Object> iamContext(GatewayCaller caller) {
		String accountId = FunctionResolver.accountId(this.follower.view(), caller.homeNamespace());
		Map<String, Object> iam = new LinkedHashMap<>();
		iam.put("accessKey", caller.accessKeyId());
		iam.put("accountId", accountId);
		iam.put("callerId", caller.accessKeyId());
		iam.put("cognitoIdentity", null);
		iam.put("principalOrgId", null);
		iam.put("userArn", "arn:aws:iam::" + accountId + ":user/" + caller.accessKeyId());
		iam.put("userId", caller.accessKeyId());
		return iam;
	}

	/**
	 * The function (and qualifier) a route or function URL invokes.
	 */
	private record InvokeTarget(String namespace, String functionName, String qualifier) {
	}

	private static AuthDecision denied(String target, String reason) {
		logger.debug("Refused a request to {}: {}", target, reason);
		return AuthDecision.Denied.UNAUTHORIZED;
	}

}
