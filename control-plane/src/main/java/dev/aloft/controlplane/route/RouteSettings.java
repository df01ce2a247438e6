package dev.aloft.controlplane.route;

import java.util.Objects;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

/**
 * What a route does, checked and with the defaults filled in (everything but its auth,
 * whose secrets need the route's identity).
 *
 * @param method the HTTP method, or {@code ANY}
 * @param template the parsed path template
 * @param functionName the target function
 * @param qualifier the target version or alias
 * @param cors the CORS settings, or null for none
 * @param async whether the gateway answers 202 and queues the event
 */
record RouteSettings(String method, RouteTemplate template, String functionName, String qualifier,
		FunctionUrlConfig.@Nullable Cors cors, boolean async) {

	/**
	 * Checks a request.
	 * @param request the request
	 * @return the settings
	 * @throws dev.aloft.problems.PlatformException {@code VALIDATION_FAILED} for an
	 * invalid path template
	 */
	static RouteSettings of(RouteRequest request) {
		return new RouteSettings(request.method(), RouteTemplate.parse(request.path()), request.function(),
				Objects.requireNonNullElse(request.qualifier(), FunctionVersionConfig.LATEST),
				RouteCors.of(request.cors()), Boolean.TRUE.equals(request.async()));
	}

}
