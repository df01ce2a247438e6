package dev.aloft.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the verifier rejects, and how: each rejection names the AWS error Lambda answers
 * with.
 */
class SigV4VerifierTests {

	private static final Instant NOW = SdkSignerInteropTests.NOW;

	private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

	private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//token==";

	private static final CredentialsLookup CREDENTIALS = CredentialsLookup
		.of(Map.of(SdkSigner.ACCESS_KEY_ID, SigningCredentials.of(SdkSigner.SECRET), "ASIATEMPORARY",
				SigningCredentials.withSessionToken("tmp", TOKEN)));

	private final SdkSigner sdk = new SdkSigner(SdkSignerInteropTests.CLOCK);

	@Test
	void noSignatureAtAll() {
		SignedRequest request = new SignedRequest("GET", "/2015-03-31/functions", null,
				RequestHeaders.builder().add("Host", "localhost").build(), Payload.empty());

		assertRejected(verifier(NOW).verify(request), RejectionCode.MISSING_AUTHENTICATION_TOKEN,
				"Missing Authentication Token");
	}

	@Nested
	class TamperedRequests {

		@Test
		void bodyChangedUnderASignedContentHash() {
			SignedRequest request = invoke().received(Payload.of("{\"hello\":\"mallory\"}".getBytes()));

			assertRejected(verifier(NOW).verify(request), RejectionCode.CONTENT_SHA256_MISMATCH,
					"The provided 'x-amz-content-sha256' header does not match what was computed.");
		}

		@Test
		void bodyChangedWithoutAContentHashHeader() {
			SignedRequest signed = legacySigned(BODY);
			assertThat(signed.headers().contains("x-amz-content-sha256")).isFalse();
			assertThat(verifier(NOW).verify(signed)).isInstanceOf(Verified.class);

			SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
					signed.headers(), Payload.of("{\"hello\":\"mallory\"}".getBytes()));

			assertRejected(verifier(NOW).verify(tampered), RejectionCode.INVALID_SIGNATURE,
					"The request signature we calculated does not match");
		}

		@Test
		void signedHeaderChanged() {
			SignedRequest request = replaceHeader(invoke().received(), "X-Amz-Invocation-Type", "Event");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE,
					"The request signature we calculated does not match the signature you provided. "
							+ "Check your AWS Secret Access Key and signing method. "
							+ "Consult the service documentation for details.\n\n"
							+ "The Canonical String for this request should have been\n'POST\n"
							+ "/2015-03-31/functions/my-fn/invocations\n");
			assertThat(((Rejected) verifier(NOW).verify(request)).reason()).contains("x-amz-invocation-type:Event\n",
					"The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260101T100000Z\n"
							+ "20260101/us-east-1/lambda/aws4_request\n");
		}

		@Test
		void signedHeaderRemoved() {
			SignedRequest request = removeHeader(invoke().received(), "X-Amz-Invocation-Type");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE,
					"The request signature we calculated does not match");
		}

		@Test
		void unsignedHeaderAddedIsHarmless() {
			SignedRequest request = addHeader(invoke().received(), "X-Forwarded-For", "10.0.0.1");

			assertThat(verifier(NOW).verify(request)).isInstanceOf(Verified.class);
		}

		@Test
		void pathChanged() {
			SignedRequest signed = invoke().received();
			SignedRequest request = new SignedRequest(signed.method(), "/2015-03-31/functions/other-fn/invocations",
					signed.rawQuery(), signed.headers(), signed.payload());

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE, "does not match");
		}

		@Test
		void queryChanged() {
			SignedRequest signed = invoke().received();
			SignedRequest request = new SignedRequest(signed.method(), signed.rawPath(), "Qualifier=2",
					signed.headers(), signed.payload());

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE, "does not match");
		}

		@Test
		void methodChanged() {
			SignedRequest signed = invoke().received();
			SignedRequest request = new SignedRequest("PUT", signed.rawPath(), signed.rawQuery(), signed.headers(),
					signed.payload());

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE, "does not match");
		}

	}

	@Nested
	class Credentials {

		@Test
		void wrongSecret() {
			SigV4Verifier verifier = SigV4Verifier
				.builder(CredentialsLookup.of(Map.of(SdkSigner.ACCESS_KEY_ID, SigningCredentials.of("wrong"))))
				.clock(clock(NOW))
				.build();

			assertRejected(verifier.verify(invoke().received()), RejectionCode.INVALID_SIGNATURE,
					"The request signature we calculated does not match");
		}

		@Test
		void unknownKey() {
			SigV4Verifier verifier = SigV4Verifier.builder(CredentialsLookup.of(Map.of())).clock(clock(NOW)).build();

			assertRejected(verifier.verify(invoke().received()), RejectionCode.UNRECOGNIZED_CLIENT,
					"The security token included in the request is invalid.");
		}

		@Test
		void temporaryKeyWithoutItsSessionToken() {
			SdkSigner.Signed signed = SigV4VerifierTests.this.sdk.sign(
					SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), null,
					AwsCredentialsIdentity.create("ASIATEMPORARY", "tmp"), (options) -> {
					});

			assertRejected(verifier(NOW).verify(signed.received()), RejectionCode.UNRECOGNIZED_CLIENT,
					"The security token included in the request is invalid.");
		}

		@Test
		void wrongSessionToken() {
			SdkSigner.Signed signed = SigV4VerifierTests.this.sdk.sign(
					SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), null,
					AwsSessionCredentialsIdentity.create("ASIATEMPORARY", "tmp", "another-token"), (options) -> {
					});

			assertRejected(verifier(NOW).verify(signed.received()), RejectionCode.UNRECOGNIZED_CLIENT,
					"The security token included in the request is invalid.");
		}

		@Test
		void sessionTokenWithALongTermKey() {
			SdkSigner.Signed signed = SigV4VerifierTests.this.sdk.sign(
					SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), null,
					AwsSessionCredentialsIdentity.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET, TOKEN),
					(options) -> {
					});

			assertRejected(verifier(NOW).verify(signed.received()), RejectionCode.UNRECOGNIZED_CLIENT,
					"The security token included in the request is invalid.");
		}

		@Test
		void credentialsNeverPrintTheirSecrets() {
			assertThat(SigningCredentials.withSessionToken("s3cr3t", "t0ken").toString()).doesNotContain("s3cr3t",
					"t0ken");
			assertThat(invoke().received().headers().toString()).contains("authorization")
				.doesNotContain("Credential=");
		}

	}

	@Nested
	class Time {

		@Test
		void withinTheSkewEitherWay() {
			SignedRequest request = invoke().received();

			assertThat(verifier(NOW.plus(Duration.ofMinutes(15))).verify(request)).isInstanceOf(Verified.class);
			assertThat(verifier(NOW.minus(Duration.ofMinutes(15))).verify(request)).isInstanceOf(Verified.class);
		}

		@Test
		void signedTooLongAgo() {
			assertRejected(verifier(NOW.plus(Duration.ofMinutes(16))).verify(invoke().received()),
					RejectionCode.SIGNATURE_EXPIRED,
					"Signature expired: 20260101T100000Z is now earlier than 20260101T100100Z "
							+ "(20260101T101600Z - 15 min.)");
		}

		@Test
		void signedInTheFuture() {
			assertRejected(verifier(NOW.minus(Duration.ofMinutes(16))).verify(invoke().received()),
					RejectionCode.SIGNATURE_EXPIRED,
					"Signature not yet current: 20260101T100000Z is still later than 20260101T095900Z "
							+ "(20260101T094400Z + 15 min.)");
			assertThat(RejectionCode.SIGNATURE_EXPIRED.errorCode()).isEqualTo("InvalidSignatureException");
		}

		@Test
		void configuredSkew() {
			SigV4Verifier verifier = SigV4Verifier.builder(CREDENTIALS)
				.clock(clock(NOW.plus(Duration.ofMinutes(6))))
				.maxClockSkew(Duration.ofMinutes(5))
				.build();

			assertRejected(verifier.verify(invoke().received()), RejectionCode.SIGNATURE_EXPIRED,
					"(20260101T100600Z - 5 min.)");
		}

		@Test
		void presignedUrlUntilItExpires() {
			SignedRequest request = SigV4VerifierTests.this.sdk
				.presign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), Duration.ofHours(1))
				.received();

			assertThat(verifier(NOW.plus(Duration.ofMinutes(59))).verify(request)).isInstanceOf(Verified.class);
			assertRejected(verifier(NOW.plus(Duration.ofMinutes(61))).verify(request), RejectionCode.SIGNATURE_EXPIRED,
					"Signature expired: 20260101T100000Z is now earlier than 20260101T100100Z "
							+ "(20260101T110100Z - 60 min.)");
			assertRejected(verifier(NOW.minus(Duration.ofMinutes(16))).verify(request), RejectionCode.SIGNATURE_EXPIRED,
					"Signature not yet current");
		}

		@Test
		void presignedUrlForMoreThanAWeek() {
			SignedRequest signed = SigV4VerifierTests.this.sdk
				.presign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), Duration.ofHours(1))
				.received();
			SignedRequest request = new SignedRequest("GET", signed.rawPath(),
					signed.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=604801"), signed.headers(),
					signed.payload());

			assertRejected(verifier(NOW).verify(request), RejectionCode.INCOMPLETE_SIGNATURE,
					"X-Amz-Expires must be less than a week (in seconds) that is 604800");
		}

		@Test
		void presignedUrlWithItsExpiryChanged() {
			SignedRequest signed = SigV4VerifierTests.this.sdk
				.presign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), Duration.ofHours(1))
				.received();
			SignedRequest request = new SignedRequest("GET", signed.rawPath(),
					signed.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=86400"), signed.headers(),
					signed.payload());

			assertRejected(verifier(NOW.plus(Duration.ofHours(2))).verify(request), RejectionCode.INVALID_SIGNATURE,
					"does not match");
		}

		@Test
		void scopeDateOtherThanTheRequestDate() {
			SignedRequest request = replaceHeader(invoke().received(), "Authorization",
					invoke().header("Authorization").replace("/20260101/", "/20251231/"));

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE,
					"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
							+ "'20251231' != '20260101', from '20260101T100000Z'.");
		}

		/**
		 * Without {@code X-Amz-Date} the HTTP {@code Date} header dates the request; its
		 * signature here is computed independently, from a hand-written canonical
		 * request.
		 */
		@Test
		void dateHeaderWhenThereIsNoAmzDate() throws Exception {
			String canonical = "GET\n/\n\ndate:Sun, 30 Aug 2015 12:36:00 GMT\nhost:example.amazonaws.com\n\n"
					+ "date;host\n" + Sha256.EMPTY_HEX;
			String stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
					+ Sha256.hex(canonical);
			byte[] key = ("AWS4" + SdkSigner.SECRET).getBytes(StandardCharsets.UTF_8);
			for (String part : new String[] { "20150830", "us-east-1", "service", "aws4_request", stringToSign }) {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(key, "HmacSHA256"));
				key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
			}
			SignedRequest request = new SignedRequest("GET", "/", "",
					RequestHeaders.builder()
						.add("Host", "example.amazonaws.com")
						.add("Date", "Sun, 30 Aug 2015 12:36:00 GMT")
						.add("Authorization", "AWS4-HMAC-SHA256 Credential=" + SdkSigner.ACCESS_KEY_ID
								+ "/20150830/us-east-1/service/aws4_request, SignedHeaders=date;host, Signature="
								+ Hex.encode(key))
						.build(),
					Payload.empty());

			VerificationResult result = SigV4Verifier.builder(CREDENTIALS)
				.clock(clock(Instant.parse("2015-08-30T12:40:00Z")))
				.build()
				.verify(request);

			assertThat(result).isInstanceOfSatisfying(Verified.class,
					(verified) -> assertThat(verified.signedAt()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z")));
		}

	}

	@Nested
	class MalformedSignatures {

		private static final String CREDENTIAL = "Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/lambda/aws4_request";

		private static final String SIGNATURE = "Signature=" + "0".repeat(64);

		@ParameterizedTest
		@CsvSource(delimiter = '|', quoteCharacter = '"',
				textBlock = """
						Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig | Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer
						AWS4-HMAC-SHA256 | Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256
						AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date | Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=
						AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc | Authorization header requires 'Credential' parameter. Authorization=
						AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/lambda/aws4_request, Signature=abc | Authorization header requires 'SignedHeaders' parameter.
						AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE /20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=abc | '/20260101/us-east-1/lambda/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE /20260101
						AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/aws4_request, SignedHeaders=host, Signature=abc | Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIAALOFTEXAMPLE/20260101/us-east-1/aws4_request'
						AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/lambda/aws4_request/x, SignedHeaders=host, Signature=abc | Credential must have exactly 5 slash-delimited elements
						AWS4-HMAC-SHA256 Credential=/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=abc | Credential must have exactly 5 slash-delimited elements
						AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/lambda/aws4_request, SignedHeaders=content-type;x-amz-date, Signature=abc | 'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.
						AWS4-ECDSA-P256-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/lambda/aws4_request, SignedHeaders=host, Signature=abc | Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'
						""")
		void incompleteAuthorizationHeaders(String authorization, String message) {
			SignedRequest request = request(authorization, "20260101T100000Z");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INCOMPLETE_SIGNATURE, message);
		}

		@Test
		void noDateHeader() {
			SignedRequest request = request("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, " + SIGNATURE,
					null);

			assertRejected(verifier(NOW).verify(request), RejectionCode.INCOMPLETE_SIGNATURE,
					"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
							+ "Authorization=AWS4-HMAC-SHA256 Credential=");
		}

		@Test
		void amzDateNotInBasicFormat() {
			SignedRequest request = request(
					"AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host;x-amz-date, " + SIGNATURE,
					"2026-01-01T10:00:00Z");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INCOMPLETE_SIGNATURE,
					"Date must be in ISO-8601 'basic format'. Got '2026-01-01T10:00:00Z'.");
		}

		@Test
		void wrongTerminator() {
			SignedRequest request = request(
					"AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/us-east-1/lambda/aws5, "
							+ "SignedHeaders=host, " + SIGNATURE,
					"20260101T100000Z");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE,
					"Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5'.");
		}

		@Test
		void signedForAnotherServiceOrRegion() {
			SignedRequest request = request(
					"AWS4-HMAC-SHA256 Credential=AKIAALOFTEXAMPLE/20260101/eu-west-1/s3/aws4_request, "
							+ "SignedHeaders=host, " + SIGNATURE,
					"20260101T100000Z");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INVALID_SIGNATURE,
					"Credential should be scoped to correct service: 'lambda'.");
			SigV4Verifier regional = SigV4Verifier.builder(CREDENTIALS).clock(clock(NOW)).region("us-east-1").build();
			assertRejected(regional.verify(request), RejectionCode.INVALID_SIGNATURE,
					"Credential should be scoped to a valid region, not 'eu-west-1'.");
		}

		@Test
		void malformedContentHash() {
			SignedRequest request = addHeader(
					request("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, " + SIGNATURE,
							"20260101T100000Z"),
					"x-amz-content-sha256", "SHA-256-PAYLOAD");

			assertRejected(verifier(NOW).verify(request), RejectionCode.INCOMPLETE_SIGNATURE,
					"x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.");
		}

		@Test
		void headerAndPresignedSignatureTogether() {
			SignedRequest presigned = SigV4VerifierTests.this.sdk
				.presign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), Duration.ofHours(1))
				.received();

			SignedRequest request = addHeader(presigned, "Authorization", invoke().header("Authorization"));

			assertRejected(verifier(NOW).verify(request), RejectionCode.INCOMPLETE_SIGNATURE,
					"Only one auth mechanism allowed");
		}

		@Test
		void presignedUrlMissingItsSignature() {
			SignedRequest presigned = SigV4VerifierTests.this.sdk
				.presign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/fn").build(), Duration.ofHours(1))
				.received();
			String query = presigned.rawQuery().replaceAll("&?X-Amz-Signature=[0-9a-f]+", "");

			assertRejected(
					verifier(NOW).verify(
							new SignedRequest("GET", presigned.rawPath(), query, presigned.headers(), Payload.empty())),
					RejectionCode.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include");
		}

		private static SignedRequest request(String authorization, String amzDate) {
			RequestHeaders.Builder headers = RequestHeaders.builder()
				.add("Host", SdkSigner.HOST)
				.add("Authorization", authorization);
			if (amzDate != null) {
				headers.add("X-Amz-Date", amzDate);
			}
			return new SignedRequest("GET", "/2015-03-31/functions", "", headers.build(), Payload.empty());
		}

	}

	private SdkSigner.Signed invoke() {
		return this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.POST, "/2015-03-31/functions/my-fn/invocations")
					.putHeader("Content-Type", "application/json")
					.putHeader("X-Amz-Invocation-Type", "RequestResponse")
					.build(),
				BODY, AwsCredentialsIdentity.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET),
				(options) -> options.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
	}

	/** Signed by the SDK's legacy signer, which sends no {@code x-amz-content-sha256}. */
	@SuppressWarnings("deprecation")
	private static SignedRequest legacySigned(byte[] body) {
		SdkHttpFullRequest request = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.protocol("https")
			.host(SdkSigner.HOST)
			.encodedPath("/2015-03-31/functions/my-fn/invocations")
			.putHeader("Host", SdkSigner.HOST)
			.contentStreamProvider(RequestBody.fromBytes(body).contentStreamProvider())
			.build();
		SdkHttpFullRequest signed = Aws4Signer.create()
			.sign(request,
					Aws4SignerParams.builder()
						.awsCredentials(AwsBasicCredentials.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET))
						.signingName("lambda")
						.signingRegion(Region.US_EAST_1)
						.signingClockOverride(SdkSignerInteropTests.CLOCK)
						.build());
		return new SdkSigner.Signed(signed, body).received();
	}

	private static SigV4Verifier verifier(Instant now) {
		return SigV4Verifier.builder(CREDENTIALS).clock(clock(now)).service("lambda").build();
	}

	private static Clock clock(Instant now) {
		return Clock.fixed(now, ZoneOffset.UTC);
	}

	private static void assertRejected(VerificationResult result, RejectionCode code, String reason) {
		assertThat(result).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.code()).isEqualTo(code);
			assertThat(rejected.reason()).contains(reason);
		});
	}

	private static SignedRequest replaceHeader(SignedRequest request, String name, String value) {
		return withHeaders(request, name, value, true);
	}

	private static SignedRequest addHeader(SignedRequest request, String name, String value) {
		return withHeaders(request, name, value, false);
	}

	private static SignedRequest removeHeader(SignedRequest request, String name) {
		return withHeaders(request, name, null, true);
	}

	private static SignedRequest withHeaders(SignedRequest request, String name, String value, boolean replace) {
		RequestHeaders.Builder headers = RequestHeaders.builder();
		for (String existing : request.headers().names()) {
			if (!(replace && existing.equalsIgnoreCase(name))) {
				request.headers().values(existing).forEach((v) -> headers.add(existing, v));
			}
		}
		if (value != null) {
			headers.add(name, value);
		}
		return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers.build(),
				request.payload());
	}

}
