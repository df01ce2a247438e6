package dev.aloft.gateway.route;

import java.util.Map;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.RouteConfig;
import org.jspecify.annotations.Nullable;

/**
 * What a request addresses: a route it matched, or a function URL. Either way a function
 * and qualifier, and what the event says about where the request arrived.
 *
 * @param namespace the function's namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param routeKey the event's {@code routeKey}: {@code GET /hello/{name}}, or
 * {@code $default} for a function URL
 * @param rawPath the event's {@code rawPath}: the request path, less a function URL's
 * {@code /urls/<url id>} prefix
 * @param pathParameters the route's parameters, decoded; empty for a function URL
 * @param apiId the event's {@code apiId}
 * @param domainName the event's {@code domainName}, or null for the request's host
 * @param cors the CORS settings, or null for none
 * @param async whether the event goes to the event router instead of an invoker
 * @param route the route, when the request matched one
 * @param url the function URL, when the request addressed one
 */
record HttpTarget(String namespace, String functionName, String qualifier, String routeKey, String rawPath,
		Map<String, String> pathParameters, String apiId, @Nullable String domainName,
		FunctionUrlConfig.@Nullable Cors cors, boolean async, @Nullable RouteConfig route,
		@Nullable FunctionUrlConfig url) {

	/** The {@code apiId} of routes: they all belong to one API. */
	static final String ROUTES_API_ID = "aloft";

	/**
	 * The target of a matched route.
	 * @param match the match
	 * @param rawPath the request path
	 * @return the target
	 */
	static HttpTarget of(RouteMatch match, String rawPath) {
		RouteConfig route = match.route();
		return new HttpTarget(route.namespace(), route.functionName(), route.qualifier(), match.routeKey(), rawPath,
				match.pathParameters(), ROUTES_API_ID, null, route.cors(), route.async(), route, null);
	}

	/**
	 * The target of a function URL.
	 * @param url the function URL
	 * @param rawPath the path after the URL's prefix, from {@code /}
	 * @param domainName the URL's host name
	 * @return the target
	 */
	static HttpTarget of(FunctionUrlConfig url, String rawPath, String domainName) {
		return new HttpTarget(url.namespace(), url.functionName(), url.qualifier(), "$default", rawPath, Map.of(),
				url.urlId(), domainName, url.cors(), false, null, url);
	}

	/**
	 * Whether this is a function URL rather than a route.
	 * @return true for a function URL
	 */
	boolean isFunctionUrl() {
		return this.url != null;
	}

	/**
	 * What triggered the invocation, for records and metrics.
	 * @return {@code function-url} or {@code http}
	 */
	String trigger() {
		return isFunctionUrl() ? "function-url" : "http";
	}

}
