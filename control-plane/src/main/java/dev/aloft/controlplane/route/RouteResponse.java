package dev.aloft.controlplane.route;

import java.time.Instant;

/**
 * A route as the API shows it.
 *
 * @param id the route's identifier
 * @param namespace the owning namespace
 * @param method the HTTP method, or {@code ANY}
 * @param path the path template
 * @param function the target function
 * @param qualifier the target version or alias
 * @param createdAt when it was created
 */
record RouteResponse(String id, String namespace, String method, String path, String function, String qualifier,
		Instant createdAt) {

	static RouteResponse from(Route route) {
		return new RouteResponse(route.id().toString(), route.namespace(), route.method(), route.path(),
				route.functionName(), route.qualifier(), route.createdAt());
	}

}
