package dev.aloft.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * The request was signed with the secret of {@code accessKeyId} and has not been changed
 * since, as far as its signed parts go.
 *
 * @param accessKeyId who signed the request
 * @param scope the date, region and service the client signed for
 * @param signedHeaders the lower-cased names of the headers the signature covers
 * @param signedAt when the client signed the request ({@code X-Amz-Date})
 * @param payload how far the body is covered by the signature
 */
public record Verified(String accessKeyId, CredentialScope scope, List<String> signedHeaders, Instant signedAt,
		PayloadSigning payload) implements VerificationResult {

	/**
	 * Creates the result.
	 * @param accessKeyId who signed
	 * @param scope the credential scope
	 * @param signedHeaders the signed header names
	 * @param signedAt the signing time
	 * @param payload the body's coverage
	 */
	public Verified {
		signedHeaders = List.copyOf(signedHeaders);
	}

	/**
	 * The region the client signed for.
	 * @return the region, e.g. {@code us-east-1}
	 */
	public String region() {
		return this.scope.region();
	}

	/**
	 * The service the client signed for.
	 * @return the signing name, e.g. {@code lambda}
	 */
	public String service() {
		return this.scope.service();
	}

}
