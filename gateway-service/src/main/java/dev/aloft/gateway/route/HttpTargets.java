package dev.aloft.gateway.route;

import dev.aloft.contracts.config.FunctionUrlConfig;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Finds what a request addresses: a function URL by host (and then nothing else), a
 * function URL by path, or a route.
 */
@Component
class HttpTargets {

	private final Routes routes;

	private final FunctionUrlAddresses functionUrls;

	HttpTargets(Routes routes, FunctionUrlAddresses functionUrls) {
		this.routes = routes;
		this.functionUrls = functionUrls;
	}

	/**
	 * The routes and function URLs in force now.
	 * @return the snapshot
	 */
	Routes.Snapshot current() {
		return this.routes.current();
	}

	/**
	 * What a request addresses.
	 * @param snapshot the routes and function URLs to look in
	 * @param request the request
	 * @param method the method to match routes with: the request's, or for a preflight
	 * the one it asks about
	 * @return the target, or null when nothing matches
	 */
	@Nullable HttpTarget find(Routes.Snapshot snapshot, HttpServletRequest request, String method) {
		String host = HttpApiEvents.domainName(request);
		String hostUrlId = this.functionUrls.urlIdOfHost(host);
		if (hostUrlId != null) {
			FunctionUrlConfig url = snapshot.functionUrl(hostUrlId);
			return (url != null) ? HttpTarget.of(url, request.getRequestURI(), host) : null;
		}
		FunctionUrlAddresses.PathAddress address = FunctionUrlAddresses.ofPath(request.getRequestURI());
		if (address != null) {
			FunctionUrlConfig url = snapshot.functionUrl(address.urlId());
			if (url != null) {
				return HttpTarget.of(url, address.rawPath(), this.functionUrls.domainName(url.urlId()));
			}
		}
		return snapshot.table()
			.match(method, request.getRequestURI())
			.map((match) -> HttpTarget.of(match, request.getRequestURI()))
			.orElse(null);
	}

}
