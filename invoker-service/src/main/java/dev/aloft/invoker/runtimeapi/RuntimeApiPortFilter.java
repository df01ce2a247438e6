package dev.aloft.invoker.runtimeapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the two ports apart: the Runtime API port serves only Runtime API paths, and the
 * main port never serves them. The Runtime API's requests are answered here, by
 * {@link RuntimeApi}, and go no further: not through Spring MVC's dispatch, and not
 * through the HTTP server observations ({@code http.server.requests}), which the
 * invocation metrics already cover and whose timings the {@code next} long polls would
 * skew.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RuntimeApiPortFilter extends OncePerRequestFilter {

	private static final byte[] NOT_FOUND = "{\"errorType\":\"NotFound\",\"errorMessage\":\"Not found\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final RuntimeApiServer server;

	private final RuntimeApi runtimeApi;

	RuntimeApiPortFilter(RuntimeApiServer server, RuntimeApi runtimeApi) {
		this.server = server;
		this.runtimeApi = runtimeApi;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean onRuntimePort = request.getLocalPort() == this.server.port();
		RuntimeApiPath path = RuntimeApiPath.parse(request.getRequestURI());
		if (onRuntimePort && path != null) {
			this.runtimeApi.serve(path, request, response);
		}
		else if (onRuntimePort || path != null) {
			// Written directly: no error page, which would be served on whichever port
			// asked.
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType("application/json");
			response.getOutputStream().write(NOT_FOUND);
		}
		else {
			chain.doFilter(request, response);
		}
	}

}
