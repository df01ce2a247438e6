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
 * main port never serves them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RuntimeApiPortFilter extends OncePerRequestFilter {

	private final RuntimeApiServer server;

	RuntimeApiPortFilter(RuntimeApiServer server) {
		this.server = server;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean onRuntimePort = request.getLocalPort() == this.server.port();
		boolean runtimePath = RuntimeApiServer.RUNTIME_PATH.matcher(request.getRequestURI()).matches();
		if (onRuntimePort != runtimePath) {
			// Written directly: no error page, which would be served on whichever port
			// asked.
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType("application/json");
			response.getOutputStream()
				.write("{\"errorType\":\"NotFound\",\"errorMessage\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

}
