package dev.aloft.controlplane.lambdaapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.controlplane.accesskey.AccessKeyService;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.system.CredentialFreePaths;
import dev.aloft.secrets.MasterKey;
import dev.aloft.sigv4.Payload;
import dev.aloft.sigv4.Rejected;
import dev.aloft.sigv4.RequestHeaders;
import dev.aloft.sigv4.SigV4Verifier;
import dev.aloft.sigv4.SignedRequest;
import dev.aloft.sigv4.SigningCredentials;
import dev.aloft.sigv4.Verified;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls of the Lambda API (paths that start with an API date, e.g.
 * {@code /2015-03-31/}), before the access-key filter, in one of three ways:
 * <ul>
 * <li>forwarded by the gateway: the services' internal token as
 * {@code Authorization: Bearer}, and the access key whose signature the gateway verified
 * in {@link ForwardedLambdaCalls#ACCESS_KEY_ID}, trusted only together with the token;
 * <li>AWS Signature V4, as the SDKs and CLI sign, against the access keys' secrets and
 * within the clock skew;
 * <li>{@code Authorization: Bearer <access key id>:<secret>}, as on the rest of the API.
 * </ul>
 * Refusals are Lambda's errors ({@code 403 UnrecognizedClientException},
 * {@code InvalidSignatureException}, ...), written here since filters run before the
 * controller advice.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class LambdaApiAuthenticationFilter extends OncePerRequestFilter {

	/** Lambda's API paths start with the date of their API version. */
	static final Pattern LAMBDA_PATH = Pattern.compile("/\\d{4}-\\d{2}-\\d{2}/.*");

	private static final String BEARER = "Bearer ";

	private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

	private final AccessKeyService accessKeys;

	private final byte[] internalToken;

	private final SigV4Verifier verifier;

	private final JsonMapper jsonMapper;

	LambdaApiAuthenticationFilter(AccessKeyService accessKeys, MasterKey masterKey, LambdaApiProperties properties,
			JsonMapper jsonMapper) {
		this.accessKeys = accessKeys;
		this.internalToken = masterKey.internalToken().getBytes(StandardCharsets.UTF_8);
		this.verifier = SigV4Verifier
			.builder((accessKeyId) -> accessKeys.secretOf(accessKeyId).map(SigningCredentials::of))
			.service("lambda")
			.maxClockSkew(properties.maxClockSkew())
			.build();
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Code download links carry their own signature (see CodeDownloadLinks).
		return !LAMBDA_PATH.matcher(request.getRequestURI()).matches()
				|| CredentialFreePaths.matches(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(REQUEST_ID_HEADER, UUID.randomUUID().toString());
		String bearer = bearerToken(request);
		if (bearer != null) {
			Optional<Caller> caller = bearerCaller(bearer, request.getHeader(ForwardedLambdaCalls.ACCESS_KEY_ID));
			if (caller.isEmpty()) {
				refuse(response, 403, "UnrecognizedClientException",
						"The security token included in the request is invalid.");
				return;
			}
			request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(ForwardedLambdaCalls.MAX_REQUEST_BYTES + 1);
		if (body.length > ForwardedLambdaCalls.MAX_REQUEST_BYTES) {
			refuse(response, 413, "RequestEntityTooLargeException",
					"Request must be smaller than " + ForwardedLambdaCalls.MAX_REQUEST_BYTES + " bytes");
			return;
		}
		switch (this.verifier.verify(signed(request, body))) {
			case Verified verified -> {
				request.setAttribute(Caller.REQUEST_ATTRIBUTE, this.accessKeys.caller(verified.accessKeyId()));
				chain.doFilter(new CachedBodyRequest(request, body), response);
			}
			case Rejected rejected ->
				refuse(response, rejected.code().httpStatus(), rejected.code().errorCode(), rejected.reason());
		}
	}

	/**
	 * The caller of a bearer token: the internal token with the key the gateway verified,
	 * or an access key and its secret.
	 */
	private Optional<Caller> bearerCaller(String token, @Nullable String forwardedKeyId) {
		if (MessageDigest.isEqual(this.internalToken, token.getBytes(StandardCharsets.UTF_8))) {
			if (forwardedKeyId == null || this.accessKeys.secretOf(forwardedKeyId).isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(this.accessKeys.caller(forwardedKeyId));
		}
		int colon = token.indexOf(':');
		return (colon > 0) ? this.accessKeys.authenticate(token.substring(0, colon), token.substring(colon + 1))
				: Optional.empty();
	}

	private static SignedRequest signed(HttpServletRequest request, byte[] body) {
		RequestHeaders.Builder headers = RequestHeaders.builder();
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				headers.add(name, value);
			}
		}
		return new SignedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(),
				headers.build(), Payload.of(body));
	}

	private static @Nullable String bearerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? header.substring(BEARER.length()).strip() : null;
	}

	private void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
		byte[] body = this.jsonMapper.writeValueAsBytes(LambdaErrors.body(status, message));
		response.setStatus(status);
		response.setHeader(LambdaErrors.ERROR_TYPE_HEADER, code);
		response.setContentType("application/json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
