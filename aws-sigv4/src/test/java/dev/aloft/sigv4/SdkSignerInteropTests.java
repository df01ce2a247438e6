package dev.aloft.sigv4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lambda-shaped requests signed by the AWS SDK for Java v2's own signer must verify.
 */
class SdkSignerInteropTests {

	static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//token+with/base64==";

	private final SdkSigner sdk = new SdkSigner(CLOCK);

	private final SigV4Verifier verifier = SigV4Verifier
		.builder(CredentialsLookup.of(Map.of(SdkSigner.ACCESS_KEY_ID, SigningCredentials.of(SdkSigner.SECRET),
				"ASIAALOFTTEMPORARY", SigningCredentials.withSessionToken("temporary-secret", TOKEN))))
		.clock(CLOCK)
		.service("lambda")
		.build();

	@Test
	void invokeWithJsonBodyAndSignedPayload() {
		byte[] body = "{\"name\":\"world\",\"n\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
		SdkSigner.Signed signed = this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.POST, "/2015-03-31/functions/my-fn/invocations")
					.putHeader("Content-Type", "application/json")
					.putHeader("X-Amz-Invocation-Type", "RequestResponse")
					.putHeader("Content-Length", Integer.toString(body.length))
					.build(),
				body, AwsCredentialsIdentity.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET),
				(options) -> options.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

		Verified verified = verified(this.verifier.verify(signed.received()));

		assertThat(verified.accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY_ID);
		assertThat(verified.scope()).isEqualTo(new CredentialScope("20260101", "us-east-1", "lambda"));
		assertThat(verified.signedAt()).isEqualTo(NOW);
		assertThat(verified.signedHeaders()).contains("host", "x-amz-date", "content-type", "x-amz-invocation-type");
		assertThat(verified.payload()).isEqualTo(new PayloadSigning.Signed(Sha256.hex(body)));
	}

	@Test
	void getConfigurationOfAQualifiedNameIsDoubleEncoded() {
		SdkSigner.Signed signed = this.sdk
			.sign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/my-fn%3A%24LATEST/configuration")
				.putRawQueryParameter("Qualifier", "$LATEST")
				.build(), null);
		SignedRequest received = signed.received();
		assertThat(received.rawPath()).isEqualTo("/2015-03-31/functions/my-fn%3A%24LATEST/configuration");
		assertThat(received.rawQuery()).isEqualTo("Qualifier=%24LATEST");

		verified(this.verifier.verify(received));
		assertThat(canonicalRequest(received)).contains("\n/2015-03-31/functions/my-fn%253A%2524LATEST/configuration\n")
			.contains("\nQualifier=%24LATEST\n");
	}

	@Test
	void putCodeOfAFunctionArn() {
		byte[] body = "{\"ZipFile\":\"UEsDBAoAAAAAAA==\",\"Publish\":true}".getBytes(StandardCharsets.UTF_8);
		SdkSigner.Signed signed = this.sdk.sign(SdkSigner
			.lambda(SdkHttpMethod.PUT,
					"/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/code")
			.putHeader("Content-Type", "application/json")
			.build(), body);

		verified(this.verifier.verify(signed.received()));
		assertThat(canonicalRequest(signed.received()))
			.contains("/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012%253Afunction%253Afn/code\n");
	}

	@Test
	void queryWithSpacesUnicodeReservedCharactersAndRepeatedKeys() {
		SdkSigner.Signed signed = this.sdk.sign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/")
			.appendRawQueryParameter("Marker", "a b+c/d=e&f")
			.appendRawQueryParameter("FunctionVersion", "ALL")
			.appendRawQueryParameter("Name", "üñí €")
			.appendRawQueryParameter("z", "2")
			.appendRawQueryParameter("z", "1")
			.appendRawQueryParameter("Empty", "")
			.build(), null);
		SignedRequest received = signed.received();
		assertThat(received.rawQuery()).contains("a%20b%2Bc%2Fd%3De%26f").doesNotContain("+");

		verified(this.verifier.verify(received));
		assertThat(canonicalRequest(received)).contains(
				"\nEmpty=&FunctionVersion=ALL&Marker=a%20b%2Bc%2Fd%3De%26f&Name=%C3%BC%C3%B1%C3%AD%20%E2%82%AC&z=1&z=2\n");
	}

	@Test
	void pathWithSpacesAndUnicode() {
		SdkSigner.Signed signed = this.sdk
			.sign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/f%20%C3%BC%2B/policy").build(), null);

		verified(this.verifier.verify(signed.received()));
		assertThat(canonicalRequest(signed.received()))
			.contains("\n/2015-03-31/functions/f%2520%25C3%25BC%252B/policy\n");
	}

	@Test
	void unsignedPayloadOverHttps() {
		byte[] body = "{\"any\":\"thing\"}".getBytes(StandardCharsets.UTF_8);
		SdkSigner.Signed signed = this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.POST, "/2015-03-31/functions/my-fn/invocations").build(), body,
				AwsCredentialsIdentity.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET),
				(options) -> options.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
		assertThat(signed.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");

		Verified verified = verified(this.verifier.verify(signed.received()));

		assertThat(verified.payload()).isEqualTo(new PayloadSigning.Unsigned());
		// The body is not covered: another body still verifies, as on AWS.
		assertThat(this.verifier.verify(signed.received(Payload.of(new byte[] { 1, 2 })))).isInstanceOf(Verified.class);
	}

	@Test
	void sessionToken() {
		SdkSigner.Signed signed = this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/my-fn").build(), null,
				AwsSessionCredentialsIdentity.create("ASIAALOFTTEMPORARY", "temporary-secret", TOKEN), (options) -> {
				});
		assertThat(signed.header("X-Amz-Security-Token")).isEqualTo(TOKEN);

		Verified verified = verified(this.verifier.verify(signed.received()));

		assertThat(verified.accessKeyId()).isEqualTo("ASIAALOFTTEMPORARY");
		assertThat(verified.signedHeaders()).contains("x-amz-security-token");
	}

	@Test
	void presignedGet() {
		SdkSigner.Signed signed = this.sdk
			.presign(SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/my-fn%3A%24LATEST/configuration")
				.putRawQueryParameter("Qualifier", "$LATEST")
				.build(), Duration.ofMinutes(10));
		SignedRequest received = signed.received();
		assertThat(received.rawQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=600", "Qualifier=%24LATEST");
		assertThat(received.headers().contains("authorization")).isFalse();

		Verified verified = verified(this.verifier.verify(received));

		assertThat(verified.signedAt()).isEqualTo(NOW);
	}

	@Test
	void presignedWithASessionTokenInTheQuery() {
		SdkSigner.Signed signed = this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.GET, "/2015-03-31/functions/my-fn").build(), null,
				AwsSessionCredentialsIdentity.create("ASIAALOFTTEMPORARY", "temporary-secret", TOKEN),
				(options) -> options
					.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
					.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
		assertThat(signed.received().rawQuery()).contains("X-Amz-Security-Token=");

		verified(this.verifier.verify(signed.received()));
	}

	/**
	 * botocore's presigned URLs for services other than S3 sign the hash of the empty
	 * body and send no {@code x-amz-content-sha256}; the SDK's legacy signer does the
	 * same.
	 */
	@Test
	@SuppressWarnings("deprecation")
	void presignedLikeBotocoreWithoutAContentHash() {
		SdkHttpFullRequest request = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.GET)
			.protocol("https")
			.host(SdkSigner.HOST)
			.encodedPath("/2015-03-31/functions/my-fn")
			.putHeader("Host", SdkSigner.HOST)
			.build();
		SdkHttpFullRequest presigned = Aws4Signer.create()
			.presign(request,
					Aws4PresignerParams.builder()
						.awsCredentials(AwsBasicCredentials.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET))
						.signingName("lambda")
						.signingRegion(Region.US_EAST_1)
						.signingClockOverride(CLOCK)
						.expirationTime(NOW.plusSeconds(300))
						.build());
		SignedRequest received = new SdkSigner.Signed(presigned, new byte[0]).received();
		assertThat(received.headers().contains("x-amz-content-sha256")).isFalse();

		Verified verified = verified(this.verifier.verify(received));

		assertThat(verified.payload()).isEqualTo(new PayloadSigning.Signed(Sha256.EMPTY_HEX));
	}

	@Test
	void payloadHashedOnDemandForStreamingCallers() {
		byte[] body = "{\"streamed\":true}".getBytes(StandardCharsets.UTF_8);
		SdkSigner.Signed signed = this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.POST, "/2015-03-31/functions/my-fn/invocations").build(), body,
				AwsCredentialsIdentity.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET),
				(options) -> options.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
		int[] calls = new int[1];
		Payload lazy = Payload.ofSha256(() -> {
			calls[0]++;
			return Sha256.digest(body);
		});

		verified(this.verifier.verify(signed.received(lazy)));

		assertThat(calls[0]).isEqualTo(1);
	}

	@Test
	void chunkedUploadVerifiesTheSeedAndEveryChunk() throws IOException {
		byte[] body = new byte[300 * 1024];
		for (int i = 0; i < body.length; i++) {
			body[i] = (byte) (i * 31);
		}
		SdkSigner.Signed signed = chunked(body);
		assertThat(signed.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

		Verified verified = verified(this.verifier.verify(signed.received(Payload.ofSha256(() -> {
			throw new AssertionError("a chunked body is not hashed whole");
		}))));

		assertThat(verified.payload()).isInstanceOfSatisfying(SignedChunks.class, (chunks) -> {
			assertThat(chunks.decodedContentLength()).isEqualTo(body.length);
			try (InputStream decoded = chunks.decode(new ByteArrayInputStream(signed.body()))) {
				assertThat(decoded.readAllBytes()).isEqualTo(body);
			}
			catch (IOException ex) {
				throw new AssertionError(ex);
			}
		});
	}

	@Test
	void chunkedUploadWithATamperedChunkFailsTheRead() {
		byte[] body = new byte[200 * 1024];
		SdkSigner.Signed signed = chunked(body);
		byte[] tampered = signed.body().clone();
		tampered[tampered.length / 2] ^= 1;
		SignedChunks chunks = (SignedChunks) verified(this.verifier.verify(signed.received())).payload();

		assertThatExceptionOfType(ChunkSignatureException.class)
			.isThrownBy(() -> chunks.decode(new ByteArrayInputStream(tampered)).readAllBytes())
			.withMessageContaining("chunk signature");
		byte[] truncated = java.util.Arrays.copyOf(signed.body(), signed.body().length - 100);
		assertThatExceptionOfType(ChunkSignatureException.class)
			.isThrownBy(() -> chunks.decode(new ByteArrayInputStream(truncated)).readAllBytes());
	}

	private SdkSigner.Signed chunked(byte[] body) {
		return this.sdk.sign(
				SdkSigner.lambda(SdkHttpMethod.PUT, "/2015-03-31/functions/my-fn/code")
					.putHeader("Content-Length", Integer.toString(body.length))
					.build(),
				body, AwsCredentialsIdentity.create(SdkSigner.ACCESS_KEY_ID, SdkSigner.SECRET),
				(options) -> options.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
					.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
	}

	static Verified verified(VerificationResult result) {
		assertThat(result).isInstanceOf(Verified.class);
		return (Verified) result;
	}

	private static String canonicalRequest(SignedRequest request) {
		SignatureParameters parameters = AuthorizationHeader.parse(request.headers().first("authorization"),
				request.headers());
		return CanonicalRequest.of(request, QueryString.parse(request.rawQuery()), parameters,
				request.headers().first("x-amz-content-sha256") != null
						? request.headers().first("x-amz-content-sha256") : request.payload().sha256Hex());
	}

}
