package dev.aloft.contracts.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A function URL: the gateway serves the function at {@code /<url id>/...} (and at the
 * host {@code <url id>.lambda-url.<region>.<domain>}) with the payload-2.0 event, without
 * routes.
 *
 * @param namespace the owning namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST} or an alias
 * @param urlId 32 lowercase letters and digits, unique
 * @param authType {@code NONE} or {@code AWS_IAM}
 * @param cors the CORS settings, or null for none
 * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}
 */
public record FunctionUrlConfig(String namespace, String functionName, String qualifier, String urlId, String authType,
		@Nullable Cors cors, String invokeMode) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.FUNCTION_URL;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName, this.qualifier);
	}

	/**
	 * The feed key of a function URL.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier the qualifier
	 * @return the key, {@code namespace/function:qualifier}
	 */
	public static String keyOf(String namespace, String functionName, String qualifier) {
		return namespace + "/" + functionName + ":" + qualifier;
	}

	/**
	 * CORS settings, as Lambda's {@code Cors}.
	 *
	 * @param allowCredentials whether credentials are allowed
	 * @param allowHeaders allowed request headers
	 * @param allowMethods allowed methods
	 * @param allowOrigins allowed origins ({@code *} for any)
	 * @param exposeHeaders headers exposed to the browser
	 * @param maxAgeSeconds how long a preflight may be cached (0–86400)
	 */
	public record Cors(boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
			List<String> allowOrigins, List<String> exposeHeaders, int maxAgeSeconds) {
	}

}
