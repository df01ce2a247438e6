package dev.aloft.controlplane.system;

/**
 * The few paths served without credentials, each of which protects itself or holds
 * nothing secret: code download links (signed and time-limited, see
 * {@link #CODE_DOWNLOAD_PREFIX}) and the public API's OpenAPI document. The
 * authentication filters let them through; everything else needs credentials.
 */
public final class CredentialFreePaths {

	/**
	 * Where signed code download links point, under a Lambda API date so that the
	 * gateway's Lambda API forwarding can reach it too.
	 */
	public static final String CODE_DOWNLOAD_PREFIX = "/2015-03-31/code-downloads/";

	/** The public API's OpenAPI document. */
	public static final String OPENAPI_DOCUMENT = "/v1/openapi.yaml";

	private CredentialFreePaths() {
	}

	/**
	 * Whether a request path is served without credentials.
	 * @param path the request URI's path
	 * @return whether it is
	 */
	public static boolean matches(String path) {
		return path.equals(OPENAPI_DOCUMENT)
				|| (path.startsWith(CODE_DOWNLOAD_PREFIX) && path.indexOf('/', CODE_DOWNLOAD_PREFIX.length()) < 0);
	}

}
