package dev.aloft.router.system.web;

import java.io.IOException;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.system.InternalToken;
import dev.aloft.router.system.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The router's API is internal: the gateway, the event sources and operators' tools call
 * {@code /internal/**} with the services' internal token
 * ({@code Authorization: Bearer <token>}, derived from the master key), as the control
 * plane's internal endpoints require. Health and metrics stay open.
 */
@Component
class InternalTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final InternalToken internalToken;

	private final JsonMapper jsonMapper;

	InternalTokenFilter(InternalToken internalToken, JsonMapper jsonMapper) {
		this.internalToken = internalToken;
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/internal/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String token = (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? header.substring(BEARER.length()).strip() : null;
		if (!this.internalToken.matches(token)) {
			// Filters run before the problem advice can: answer the problem here.
			String detail = (this.internalToken.value() != null)
					? "Internal endpoints need the services' internal token"
					: "This router has no master key (ALOFT_MASTER_KEY): its internal API is closed";
			ProblemDetail problem = PlatformException.problemDetail(ProblemType.UNAUTHENTICATED, detail);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"aloft\"");
			response.setContentType("application/problem+json");
			response.getOutputStream().write(this.jsonMapper.writeValueAsBytes(problem));
			return;
		}
		chain.doFilter(request, response);
	}

}
