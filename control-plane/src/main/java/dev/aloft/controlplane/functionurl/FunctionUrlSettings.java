package dev.aloft.controlplane.functionurl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.AuthType;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.InvokeMode;
import org.jspecify.annotations.Nullable;

/**
 * A function URL's settings with the defaults filled in: no CORS, buffered responses.
 *
 * @param authType who may call it
 * @param cors the CORS settings (every list present, methods in upper case), or null
 * @param invokeMode how the gateway answers
 */
record FunctionUrlSettings(AuthType authType, FunctionUrlConfig.@Nullable Cors cors, InvokeMode invokeMode) {

	static FunctionUrlSettings of(FunctionUrlRequest request) {
		FunctionUrlRequest.Cors cors = request.cors();
		return new FunctionUrlSettings(request.authType(), (cors != null) ? cors(cors) : null,
				Objects.requireNonNullElse(request.invokeMode(), InvokeMode.BUFFERED));
	}

	private static FunctionUrlConfig.Cors cors(FunctionUrlRequest.Cors cors) {
		return new FunctionUrlConfig.Cors(Boolean.TRUE.equals(cors.allowCredentials()), list(cors.allowHeaders()),
				list(cors.allowMethods()).stream().map((method) -> method.toUpperCase(Locale.ROOT)).distinct().toList(),
				list(cors.allowOrigins()), list(cors.exposeHeaders()),
				Objects.requireNonNullElse(cors.maxAgeSeconds(), 0));
	}

	private static List<String> list(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

}
