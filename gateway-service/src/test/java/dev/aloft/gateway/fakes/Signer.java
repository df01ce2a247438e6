package dev.aloft.gateway.fakes;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with AWS Signature V4 as the AWS SDK for Java does, for clients that are
 * not SDK clients (a function URL or an IAM route called over plain HTTP).
 */
public final class Signer {

	private Signer() {
	}

	/**
	 * The headers that sign a request.
	 * @param method the method
	 * @param uri the URL the request goes to (its host and port are signed as Host)
	 * @param body the body
	 * @param service the signing name, e.g. {@code lambda} or {@code execute-api}
	 * @param accessKeyId the key
	 * @param secret its secret
	 * @return the headers to add (Host excluded: the client sets it)
	 */
	public static Map<String, String> headers(String method, URI uri, byte[] body, String service, String accessKeyId,
			String secret) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(method))
			.uri(uri)
			.putHeader("Host", uri.getHost() + ":" + uri.getPort())
			.build();
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign((sign) -> sign.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
				.request(request)
				.payload(ContentStreamProvider.fromByteArray(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
		Map<String, String> headers = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
			if (!header.getKey().equalsIgnoreCase("Host")) {
				headers.put(header.getKey(), header.getValue().get(0));
			}
		}
		return headers;
	}

}
