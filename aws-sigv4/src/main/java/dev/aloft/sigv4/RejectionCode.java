package dev.aloft.sigv4;

/**
 * Why a request was rejected, with the AWS error code and HTTP status Lambda answers
 * with. The codes are those of AWS's JSON services (Lambda, DynamoDB, API Gateway):
 * query-protocol services (STS, EC2) spell some of them differently
 * ({@code SignatureDoesNotMatch}, {@code IncompleteSignature}, {@code RequestExpired}).
 */
public enum RejectionCode {

	/**
	 * Neither an {@code Authorization} header nor a presigned URL:
	 * {@code Missing Authentication Token}.
	 */
	MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),

	/**
	 * The signature's parts are malformed or missing: no {@code Credential=}, no date, an
	 * unsigned {@code host}, a malformed {@code x-amz-content-sha256}...
	 */
	INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403),

	/**
	 * The signature does not match the request (wrong secret, changed request), or its
	 * scope is wrong (date, region, service, terminator).
	 */
	INVALID_SIGNATURE("InvalidSignatureException", 403),

	/**
	 * The request was signed too long ago or too far in the future, or its presigned URL
	 * has expired: {@code Signature expired: ... is now earlier than ...}. AWS's JSON
	 * services answer this as an {@code InvalidSignatureException}; it has its own
	 * constant so that servers can tell clock trouble apart.
	 */
	SIGNATURE_EXPIRED("InvalidSignatureException", 403),

	/**
	 * The access key is unknown, or the session token is missing or wrong:
	 * {@code The security token included in the request is invalid.}
	 */
	UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),

	/**
	 * The body does not hash to the signed {@code x-amz-content-sha256}. Lambda has no
	 * error of its own for this; the code is S3's.
	 */
	CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400);

	private final String errorCode;

	private final int httpStatus;

	RejectionCode(String errorCode, int httpStatus) {
		this.errorCode = errorCode;
		this.httpStatus = httpStatus;
	}

	/**
	 * The AWS error code, for the {@code x-amzn-ErrorType} header.
	 * @return the code, e.g. {@code InvalidSignatureException}
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/**
	 * The HTTP status to answer with.
	 * @return the status code
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

}
