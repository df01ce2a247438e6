package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) signatures, in an
 * {@code Authorization} header or in the query of a presigned URL, the way AWS services
 * do: the AWS SDKs, the CLI, Terraform and botocore sign requests this accepts.
 * <p>
 * Checks, in order: the signature's parts are present and well formed, {@code host} is
 * signed, the credential scope matches the request date (and the expected service and
 * region, when set), the request date is within the clock skew (or the presigned URL has
 * not expired), the access key is known and the session token matches, the signature
 * matches, and a body hash declared in {@code x-amz-content-sha256} matches the body. The
 * body is hashed only when the signature needs it, and, for a declared hash, only after
 * the signature has verified.
 * <p>
 * Thread-safe; share one instance. It keeps a bounded cache of derived signing keys.
 */
public final class SigV4Verifier {

	/** The clock skew AWS allows between a client and the service. */
	public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);

	private static final String SECURITY_TOKEN = "X-Amz-Security-Token";

	private final CredentialsLookup credentials;

	private final Clock clock;

	private final Duration maxClockSkew;

	private final @Nullable String service;

	private final @Nullable String region;

	private final SigningKeys signingKeys = new SigningKeys();

	private SigV4Verifier(Builder builder) {
		this.credentials = builder.credentials;
		this.clock = builder.clock;
		this.maxClockSkew = builder.maxClockSkew;
		this.service = builder.service;
		this.region = builder.region;
	}

	/**
	 * Starts a verifier that finds secrets with the given lookup.
	 * @param credentials finds the credentials of an access key
	 * @return a builder
	 */
	public static Builder builder(CredentialsLookup credentials) {
		return new Builder(credentials);
	}

	/**
	 * Verifies a request's signature. Never throws for a bad request: every problem is a
	 * {@link Rejected}.
	 * @param request the request as received
	 * @return {@link Verified} or {@link Rejected}
	 */
	public VerificationResult verify(SignedRequest request) {
		try {
			return verifyOrReject(request);
		}
		catch (RejectionException ex) {
			return ex.rejected();
		}
	}

	private Verified verifyOrReject(SignedRequest request) {
		QueryString query = QueryString.parse(request.rawQuery());
		SignatureParameters parameters = parameters(request.headers(), query);
		CredentialScope scope = parameters.credential().scope();
		checkScope(scope);
		parameters.checkScopeDate();
		parameters.validity().check(this.clock.instant(), this.maxClockSkew);
		String accessKeyId = parameters.credential().accessKeyId();
		SigningCredentials signing = this.credentials.find(accessKeyId).orElseThrow(SigV4Verifier::unrecognized);
		checkSessionToken(signing, request.headers(), query, parameters.presigned());
		HmacSha256 hmac = new HmacSha256();
		byte[] signingKey = this.signingKeys.signingKey(signing.secretAccessKey(), scope, hmac);
		SignatureCheck check = new SignatureCheck(request, query, parameters, signingKey, hmac);
		PayloadSigning payload = PayloadVerification.verify(check);
		return new Verified(accessKeyId, scope, parameters.signedHeaders(), parameters.validity().signedAt(), payload);
	}

	private static SignatureParameters parameters(RequestHeaders headers, QueryString query) {
		String authorization = headers.first("authorization");
		boolean presigned = query.first(PresignedQuery.ALGORITHM) != null;
		if (authorization != null && presigned) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the "
							+ "Authorization header should be specified");
		}
		if (authorization != null) {
			return AuthorizationHeader.parse(authorization, headers);
		}
		if (presigned) {
			return PresignedQuery.parse(query);
		}
		throw new RejectionException(RejectionCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
	}

	private void checkScope(CredentialScope scope) {
		if (this.service != null && !this.service.equals(scope.service())) {
			throw new RejectionException(RejectionCode.INVALID_SIGNATURE,
					"Credential should be scoped to correct service: '" + this.service + "'.");
		}
		if (this.region != null && !this.region.equals(scope.region())) {
			throw new RejectionException(RejectionCode.INVALID_SIGNATURE,
					"Credential should be scoped to a valid region, not '" + scope.region() + "'.");
		}
	}

	/**
	 * Temporary credentials must come with their session token, and a long-term key
	 * without one.
	 */
	private static void checkSessionToken(SigningCredentials signing, RequestHeaders headers, QueryString query,
			boolean presigned) {
		String presented = headers.first(SECURITY_TOKEN);
		if (presented == null && presigned) {
			presented = query.first(SECURITY_TOKEN);
		}
		String expected = signing.sessionToken();
		if (presented == null && expected == null) {
			return;
		}
		if (presented == null || expected == null || !MessageDigest
			.isEqual(presented.trim().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
			throw unrecognized();
		}
	}

	private static RejectionException unrecognized() {
		return new RejectionException(RejectionCode.UNRECOGNIZED_CLIENT,
				"The security token included in the request is invalid.");
	}

	/**
	 * Configures a {@link SigV4Verifier}.
	 */
	public static final class Builder {

		private final CredentialsLookup credentials;

		private Clock clock = Clock.systemUTC();

		private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;

		private @Nullable String service;

		private @Nullable String region;

		private Builder(CredentialsLookup credentials) {
			this.credentials = Objects.requireNonNull(credentials, "credentials");
		}

		/**
		 * The clock to check request dates against.
		 * @param clock the clock; the system UTC clock by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * How far a header signature's date may be from the clock, either way; a
		 * presigned URL may also be signed this far in the future.
		 * @param maxClockSkew the skew; {@link #DEFAULT_MAX_CLOCK_SKEW} by default
		 * @return this builder
		 */
		public Builder maxClockSkew(Duration maxClockSkew) {
			if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
				throw new IllegalArgumentException("maxClockSkew must be positive");
			}
			this.maxClockSkew = maxClockSkew;
			return this;
		}

		/**
		 * Accept only signatures scoped to this service, e.g. {@code lambda}.
		 * @param service the signing name; any by default
		 * @return this builder
		 */
		public Builder service(String service) {
			this.service = Objects.requireNonNull(service, "service");
			return this;
		}

		/**
		 * Accept only signatures scoped to this region.
		 * @param region the region; any by default, since clients of a self-hosted
		 * endpoint sign with whatever region they are configured with
		 * @return this builder
		 */
		public Builder region(String region) {
			this.region = Objects.requireNonNull(region, "region");
			return this;
		}

		/**
		 * Builds the verifier.
		 * @return the verifier
		 */
		public SigV4Verifier build() {
			return new SigV4Verifier(this);
		}

	}

}
