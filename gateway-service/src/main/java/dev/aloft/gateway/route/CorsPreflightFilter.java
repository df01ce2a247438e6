package dev.aloft.gateway.route;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers CORS preflights for routes and function URLs that have CORS settings, without
 * invoking the function. A filter rather than the route controller, because Spring MVC
 * answers every preflight itself before any controller sees it. The route a preflight
 * stands for is the one that would serve the method it asks about.
 */
@Component
class CorsPreflightFilter extends OncePerRequestFilter {

	private final HttpTargets targets;

	CorsPreflightFilter(HttpTargets targets) {
		this.targets = targets;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (CorsHeaders.isPreflight(request)) {
			HttpTarget target = this.targets.find(this.targets.current(), request,
					request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD));
			if (target != null && target.cors() != null) {
				CorsHeaders.preflight(target.cors(), request, response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
