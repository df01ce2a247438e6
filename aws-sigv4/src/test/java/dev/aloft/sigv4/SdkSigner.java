package dev.aloft.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer, and turns what it
 * signed into a {@link SignedRequest} as a server would receive it.
 */
final class SdkSigner {

	static final String ACCESS_KEY_ID = "AKIAALOFTEXAMPLE";

	static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	static final String HOST = "lambda.us-east-1.amazonaws.com";

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final Clock clock;

	SdkSigner(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Signs a Lambda request in the Authorization header.
	 * @param request the request; Host is added as the SDK's pipeline adds it
	 * @param body the body, or null
	 * @param identity the credentials
	 * @param options further signer properties
	 * @return the request as received
	 */
	Signed sign(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity identity,
			Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
		SdkHttpRequest withHost = request.toBuilder().putHeader("Host", hostHeader(request)).build();
		software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed = this.signer
			.sign((SignRequest.Builder<AwsCredentialsIdentity> sign) -> {
				sign.identity(identity)
					.request(withHost)
					.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
					.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
					.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, this.clock);
				if (body != null) {
					sign.payload(ContentStreamProvider.fromByteArray(body));
				}
				options.accept(sign);
			});
		byte[] sent = signed.payload().map(SdkSigner::readAll).orElse(new byte[0]);
		return new Signed(signed.request(), sent);
	}

	Signed sign(SdkHttpRequest request, byte[] body) {
		return sign(request, body, AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), (options) -> {
		});
	}

	/** Presigns, as the SDK presigns: the signature goes in the query. */
	Signed presign(SdkHttpRequest request, Duration expires) {
		return sign(request, null, AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET),
				(options) -> options.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
					.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires));
	}

	static SdkHttpRequest.Builder lambda(SdkHttpMethod method, String encodedPath) {
		return SdkHttpRequest.builder().method(method).protocol("https").host(HOST).encodedPath(encodedPath);
	}

	private static String hostHeader(SdkHttpRequest request) {
		boolean defaultPort = request.port() == ("https".equals(request.protocol()) ? 443 : 80);
		return defaultPort ? request.host() : request.host() + ":" + request.port();
	}

	private static byte[] readAll(ContentStreamProvider provider) {
		try (InputStream in = provider.newStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the SDK would send.
	 *
	 * @param request the signed request
	 * @param body the body bytes as sent (aws-chunked when chunk encoding is on)
	 */
	record Signed(SdkHttpRequest request, byte[] body) {

		/**
		 * The request as the server receives it: raw path and query, every header line.
		 */
		SignedRequest received() {
			return received(Payload.of(this.body));
		}

		SignedRequest received(Payload payload) {
			URI uri = this.request.getUri();
			return new SignedRequest(this.request.method().name(), uri.getRawPath(), uri.getRawQuery(),
					RequestHeaders.of(this.request.headers()), payload);
		}

		String header(String name) {
			return this.request.firstMatchingHeader(name).orElseThrow();
		}

	}

}
