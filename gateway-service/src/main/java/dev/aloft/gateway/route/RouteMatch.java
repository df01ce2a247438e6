package dev.aloft.gateway.route;

import java.util.Map;

import dev.aloft.contracts.config.RouteConfig;

/**
 * A route that matched a request, with the path parameters it bound.
 *
 * @param route the route
 * @param pathParameters parameter name to decoded value
 */
record RouteMatch(RouteConfig route, Map<String, String> pathParameters) {

	/**
	 * The API Gateway route key, e.g. {@code GET /hello/{name}}.
	 */
	String routeKey() {
		return this.route.method() + " " + this.route.path();
	}

}
