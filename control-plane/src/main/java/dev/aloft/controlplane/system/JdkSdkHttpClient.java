package dev.aloft.controlplane.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The AWS SDK's HTTP client SPI over the JDK's HTTP client, for the S3 code store and the
 * tests' SDK clients. The SDK's own clients (Apache HttpClient 5, Netty) stay off the
 * classpath: with Apache HttpClient there, Spring's {@code RestClient} would switch to it
 * for everything else. Bodies are read whole, which suits zips of at most the code size
 * limit.
 */
public final class JdkSdkHttpClient implements SdkHttpClient {

	/** Headers the JDK client sets itself and refuses to take. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private final HttpClient http;

	private final Duration timeout;

	/**
	 * A client whose connections and requests each take at most {@code timeout}.
	 * @param timeout the longest a connection or a request may take
	 */
	public JdkSdkHttpClient(Duration timeout) {
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
		this.timeout = timeout;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				return execute(request);
			}

			@Override
			public void abort() {
				// The request's timeout ends a call that hangs.
			}

		};
	}

	private HttpExecuteResponse execute(HttpExecuteRequest request) throws IOException {
		SdkHttpRequest sdkRequest = request.httpRequest();
		byte[] body = request.contentStreamProvider().map((provider) -> {
			try (InputStream in = provider.newStream()) {
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).orElse(new byte[0]);
		HttpRequest.Builder builder = HttpRequest.newBuilder(sdkRequest.getUri())
			.timeout(this.timeout)
			.method(sdkRequest.method().name(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		sdkRequest.forEachHeader((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted");
		}
		SdkHttpFullResponse.Builder answer = SdkHttpFullResponse.builder().statusCode(response.statusCode());
		response.headers().map().forEach(answer::putHeader);
		return HttpExecuteResponse.builder()
			.response(answer.build())
			.responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
			.build();
	}

	@Override
	public void close() {
		this.http.close();
	}

}
