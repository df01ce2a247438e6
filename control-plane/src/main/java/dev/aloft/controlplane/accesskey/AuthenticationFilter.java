package dev.aloft.controlplane.accesskey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import dev.aloft.controlplane.system.CredentialFreePaths;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import dev.aloft.secrets.MasterKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request needs credentials, except health, metrics and the few
 * {@link CredentialFreePaths}: {@code /internal/**} the services' internal token,
 * everything else an access key as
 * {@code Authorization: Bearer <access key id>:<secret>}. The caller found goes in a
 * request attribute for the authorization that follows.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter extends OncePerRequestFilter {

	/** The request attribute holding the {@link Caller}. */
	static final String CALLER_ATTRIBUTE = Caller.REQUEST_ATTRIBUTE;

	private static final String BEARER = "Bearer ";

	private final AccessKeyService accessKeys;

	private final byte[] internalToken;

	private final JsonMapper jsonMapper;

	AuthenticationFilter(AccessKeyService accessKeys, MasterKey masterKey, JsonMapper jsonMapper) {
		this.accessKeys = accessKeys;
		this.internalToken = masterKey.internalToken().getBytes(StandardCharsets.UTF_8);
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (path.startsWith("/actuator/health") || path.equals("/actuator/prometheus") || path.equals("/actuator/info")
				|| CredentialFreePaths.matches(path)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getAttribute(CALLER_ATTRIBUTE) != null) {
			// An earlier filter authenticated the call (the Lambda API verifies SigV4).
			chain.doFilter(request, response);
			return;
		}
		String token = bearerToken(request);
		if (path.startsWith("/internal/")) {
			if (token == null || !MessageDigest.isEqual(this.internalToken, token.getBytes(StandardCharsets.UTF_8))) {
				refuse(response, "Internal endpoints need the services' internal token");
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		Optional<Caller> caller = (token != null) ? authenticate(token) : Optional.empty();
		if (caller.isEmpty()) {
			refuse(response, "Send an access key: Authorization: Bearer <access key id>:<secret>");
			return;
		}
		request.setAttribute(CALLER_ATTRIBUTE, caller.get());
		chain.doFilter(request, response);
	}

	private Optional<Caller> authenticate(String token) {
		int colon = token.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		return this.accessKeys.authenticate(token.substring(0, colon), token.substring(colon + 1));
	}

	private static @Nullable String bearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? header.substring(BEARER.length()).strip() : null;
	}

	/**
	 * Answers 401 here: filters run before the problem advice can.
	 */
	private void refuse(HttpServletResponse response, String detail) throws IOException {
		ProblemDetail problem = PlatformException.problemDetail(ProblemType.UNAUTHENTICATED, detail);
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"aloft\"");
		response.setContentType("application/problem+json");
		response.getOutputStream().write(this.jsonMapper.writeValueAsBytes(problem));
	}

}
