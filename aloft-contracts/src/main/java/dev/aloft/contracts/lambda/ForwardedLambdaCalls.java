package dev.aloft.contracts.lambda;

/**
 * The gateway serves the Lambda Invoke API itself and forwards every other Lambda API
 * call ({@code /2015-03-31/...} and the other dated API paths) to the control plane,
 * after it has verified the call's AWS Signature V4. The forwarded call carries the
 * services' internal token as {@code Authorization: Bearer}, and the verified access key
 * in {@link #ACCESS_KEY_ID}; the control plane authorizes it as that key. Any other
 * caller of the control plane's Lambda API signs with SigV4 itself.
 */
public final class ForwardedLambdaCalls {

	/** Request header: the access key whose signature the gateway verified. */
	public static final String ACCESS_KEY_ID = "Aloft-Verified-Access-Key-Id";

	/**
	 * Request header: the address the caller reached the gateway at
	 * ({@code scheme://host[:port]}), so links the control plane hands out (GetFunction's
	 * {@code Code.Location}) point at the gateway rather than at the control plane.
	 */
	public static final String PUBLIC_BASE_URL = "Aloft-Public-Base-Url";

	/**
	 * Where GetFunction's code download links live: a link carries its own signature and
	 * expiry, as Lambda's presigned URLs do, so the gateway forwards these {@code GET}s
	 * without asking for AWS Signature V4.
	 */
	public static final String CODE_DOWNLOAD_PREFIX = "/2015-03-31/code-downloads/";

	/**
	 * The pattern, in Spring's path-pattern syntax, of the Lambda API's paths: each
	 * starts with the date of its API version.
	 */
	public static final String PATH_PATTERN = "/{apiVersion:\\d{4}-\\d{2}-\\d{2}}/**";

	/**
	 * Lambda's request limit for CreateFunction and UpdateFunctionCode (a base64 zip).
	 */
	public static final int MAX_REQUEST_BYTES = 70_167_211;

	private ForwardedLambdaCalls() {
	}

}
