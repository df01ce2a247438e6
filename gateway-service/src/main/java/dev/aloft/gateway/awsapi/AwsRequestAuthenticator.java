package dev.aloft.gateway.awsapi;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.secrets.SecretBox;
import dev.aloft.secrets.SecretBoxException;
import dev.aloft.sigv4.CredentialsLookup;
import dev.aloft.sigv4.Payload;
import dev.aloft.sigv4.Rejected;
import dev.aloft.sigv4.RequestHeaders;
import dev.aloft.sigv4.SigV4Verifier;
import dev.aloft.sigv4.SignedRequest;
import dev.aloft.sigv4.SigningCredentials;
import dev.aloft.sigv4.Verified;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Verifies AWS Signature V4 on the Lambda API, as the AWS SDKs and CLI sign, against the
 * access keys on the gateway's view of the configuration: no call to the control plane
 * per request.
 */
@Component
public class AwsRequestAuthenticator {

	/** The signing name of the Lambda API. */
	public static final String LAMBDA = "lambda";

	private final ConfigFeedFollower follower;

	/**
	 * Accepts any service: {@link #authenticate} checks it against what the caller
	 * allows.
	 */
	private final SigV4Verifier verifier;

	AwsRequestAuthenticator(ConfigFeedFollower follower, SecretBox secretBox) {
		this.follower = follower;
		CredentialsLookup lookup = (accessKeyId) -> secret(accessKeyId, secretBox);
		this.verifier = SigV4Verifier.builder(lookup).build();
	}

	/**
	 * Checks a request's signature, which must be scoped to the Lambda API.
	 * @param request the request, as received
	 * @param body its body
	 * @return who signed it, or why it is refused
	 */
	public Authentication authenticate(HttpServletRequest request, byte[] body) {
		return authenticate(request, body, Set.of(LAMBDA));
	}

	/**
	 * Checks a request's signature, scoped to one of some services (an HTTP route takes
	 * {@code execute-api} as API Gateway does, and {@code lambda}).
	 * @param request the request, as received
	 * @param body its body
	 * @param services the signing names accepted
	 * @return who signed it, or why it is refused
	 */
	public Authentication authenticate(HttpServletRequest request, byte[] body, Set<String> services) {
		RequestHeaders.Builder headers = RequestHeaders.builder();
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				headers.add(name, value);
			}
		}
		SignedRequest signed = new SignedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(),
				headers.build(), Payload.of(body));
		return switch (this.verifier.verify(signed)) {
			case Verified verified when !services.contains(verified.service()) -> new Authentication.Refused(403,
					"InvalidSignatureException", "Credential should be scoped to correct service: '"
							+ String.join("' or '", new TreeSet<>(services)) + "'.");
			case Verified verified -> {
				AccessKeyConfig key = this.follower.view().accessKey(verified.accessKeyId());
				yield (key != null)
						? new Authentication.Authenticated(new GatewayCaller(key.accessKeyId(), key.roles()))
						: refusedUnknownKey();
			}
			case Rejected rejected -> new Authentication.Refused(rejected.code().httpStatus(),
					rejected.code().errorCode(), rejected.reason());
		};
	}

	private Optional<SigningCredentials> secret(String accessKeyId, SecretBox secretBox) {
		AccessKeyConfig key = this.follower.view().accessKey(accessKeyId);
		if (key == null || !key.enabled()) {
			return Optional.empty();
		}
		try {
			return Optional.of(SigningCredentials.of(secretBox.open(key.secretSealed(), "access-key:" + accessKeyId)));
		}
		catch (SecretBoxException ex) {
			return Optional.empty();
		}
	}

	private static Authentication refusedUnknownKey() {
		return new Authentication.Refused(403, "UnrecognizedClientException",
				"The security token included in the request is invalid.");
	}

}
