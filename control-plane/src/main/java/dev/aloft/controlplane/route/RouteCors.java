package dev.aloft.controlplane.route;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest;
import org.jspecify.annotations.Nullable;

/**
 * A route's CORS settings take the same shape, rules and defaults as a function URL's
 * ({@link FunctionUrlRequest.Cors}, whose annotations validate them), so the gateway
 * answers browsers the same way for both.
 */
final class RouteCors {

	private RouteCors() {
	}

	/**
	 * The settings with the defaults filled in: every list present, methods in upper
	 * case, credentials not allowed, no preflight caching.
	 * @param cors the requested settings, or null
	 * @return the settings to store and publish, or null for none
	 */
	static FunctionUrlConfig.@Nullable Cors of(FunctionUrlRequest.@Nullable Cors cors) {
		if (cors == null) {
			return null;
		}
		return new FunctionUrlConfig.Cors(Boolean.TRUE.equals(cors.allowCredentials()), list(cors.allowHeaders()),
				list(cors.allowMethods()).stream().map((method) -> method.toUpperCase(Locale.ROOT)).distinct().toList(),
				list(cors.allowOrigins()), list(cors.exposeHeaders()),
				Objects.requireNonNullElse(cors.maxAgeSeconds(), 0));
	}

	/**
	 * The stored settings as the API shows them.
	 * @param cors the stored settings, or null
	 * @return every field present, or null for none
	 */
	static FunctionUrlRequest.@Nullable Cors toResponse(FunctionUrlConfig.@Nullable Cors cors) {
		if (cors == null) {
			return null;
		}
		return new FunctionUrlRequest.Cors(cors.allowCredentials(), cors.allowHeaders(), cors.allowMethods(),
				cors.allowOrigins(), cors.exposeHeaders(), cors.maxAgeSeconds());
	}

	private static List<String> list(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

}
