package dev.aloft.gateway.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.aloft.contracts.lambda.ForwardedLambdaCalls;
import dev.aloft.gateway.awsapi.Authentication;
import dev.aloft.gateway.awsapi.AwsRequestAuthenticator;
import dev.aloft.gateway.awsapi.LambdaErrors;
import dev.aloft.gateway.catalog.ControlPlaneProperties;
import dev.aloft.secrets.MasterKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwards the Lambda management API to the control plane, so that an AWS SDK or CLI
 * pointed at the gateway manages functions through the same endpoint it invokes them on.
 * The signature is verified here, against the same access keys the Invoke API uses; the
 * control plane then authorizes the call as the verified key (see
 * {@link ForwardedLambdaCalls}).
 * <p>
 * The Invoke API's own mapping is more specific, so invocations never come here.
 */
@RestController
class LambdaApiForwarder {

	/**
	 * Headers that belong to one hop, or that the HTTP client sets itself; everything
	 * else passes through both ways.
	 */
	private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "keep-alive",
			"transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-connection", "expect",
			"http2-settings", "authorization", ForwardedLambdaCalls.ACCESS_KEY_ID.toLowerCase(Locale.ROOT),
			ForwardedLambdaCalls.PUBLIC_BASE_URL.toLowerCase(Locale.ROOT));

	/** Long enough to store the largest code upload. */
	private static final Duration FORWARD_TIMEOUT = Duration.ofMinutes(2);

	private final AwsRequestAuthenticator authenticator;

	private final ControlPlaneProperties controlPlane;

	private final String internalToken;

	private final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	LambdaApiForwarder(AwsRequestAuthenticator authenticator, ControlPlaneProperties controlPlane,
			MasterKey masterKey) {
		this.authenticator = authenticator;
		this.controlPlane = controlPlane;
		this.internalToken = masterKey.internalToken();
	}

	@RequestMapping(ForwardedLambdaCalls.PATH_PATTERN)
	void forward(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
		String requestId = UUID.randomUUID().toString();
		byte[] body = request.getInputStream().readNBytes(ForwardedLambdaCalls.MAX_REQUEST_BYTES + 1);
		if (body.length > ForwardedLambdaCalls.MAX_REQUEST_BYTES) {
			LambdaErrors.write(response, 413, "RequestEntityTooLargeException",
					"Request must be smaller than " + ForwardedLambdaCalls.MAX_REQUEST_BYTES + " bytes", requestId);
			return;
		}
		String accessKeyId = null;
		if (!isCodeDownload(request)) {
			Authentication authentication = this.authenticator.authenticate(request, body);
			if (authentication instanceof Authentication.Refused refused) {
				LambdaErrors.write(response, refused.status(), refused.errorCode(), refused.message(), requestId);
				return;
			}
			accessKeyId = ((Authentication.Authenticated) authentication).caller().accessKeyId();
		}
		HttpResponse<byte[]> answer;
		try {
			answer = this.httpClient.send(forwarded(request, body, accessKeyId),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			LambdaErrors.write(response, 503, "ServiceException",
					"The management API is not reachable right now; try again", requestId);
			return;
		}
		response.setStatus(answer.statusCode());
		for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
			if (HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
				continue;
			}
			for (String value : header.getValue()) {
				response.addHeader(header.getKey(), value);
			}
		}
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
	}

	/**
	 * A code download link: its signature and expiry are its credentials, checked by the
	 * control plane, so it is forwarded as it came, without the gateway's token.
	 */
	private static boolean isCodeDownload(HttpServletRequest request) {
		return "GET".equals(request.getMethod())
				&& request.getRequestURI().startsWith(ForwardedLambdaCalls.CODE_DOWNLOAD_PREFIX);
	}

	private HttpRequest forwarded(HttpServletRequest request, byte[] body, @Nullable String accessKeyId) {
		String target = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(base() + target))
			.timeout(FORWARD_TIMEOUT)
			.method(request.getMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		if (accessKeyId != null) {
			forwarded.header("Authorization", "Bearer " + this.internalToken)
				.header(ForwardedLambdaCalls.ACCESS_KEY_ID, accessKeyId)
				.header(ForwardedLambdaCalls.PUBLIC_BASE_URL, publicBaseUrl(request));
		}
		for (String name : Collections.list(request.getHeaderNames())) {
			if (HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				continue;
			}
			for (String value : Collections.list(request.getHeaders(name))) {
				forwarded.header(name, value);
			}
		}
		return forwarded.build();
	}

	/**
	 * The address the caller used: its scheme and {@code Host} header.
	 */
	private static String publicBaseUrl(HttpServletRequest request) {
		String host = request.getHeader("Host");
		return request.getScheme() + "://"
				+ ((host != null && !host.isBlank()) ? host : request.getServerName() + ":" + request.getServerPort());
	}

	private String base() {
		String url = this.controlPlane.url().toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
