package dev.aloft.controlplane.functionurl;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.AuthType;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest.InvokeMode;
import org.jspecify.annotations.Nullable;

/**
 * A function URL as the API shows it: everything Lambda's {@code FunctionUrlConfig}
 * holds.
 *
 * @param functionUrl the address to call, {@code <base URL>urls/<urlId>/}
 * @param urlId 32 lowercase letters and digits, the same for as long as the URL exists
 * @param namespace the owning namespace
 * @param function the function
 * @param qualifier {@code $LATEST} or an alias
 * @param authType {@code NONE} or {@code AWS_IAM}
 * @param cors the CORS settings, every field present, or absent for none
 * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}
 * @param createdAt when it was created (Lambda's {@code CreationTime})
 * @param updatedAt when it last changed (Lambda's {@code LastModifiedTime})
 * @param entityVersion the version its ETag names; not part of the JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionUrlResponse(String functionUrl, String urlId, String namespace, String function, String qualifier,
		AuthType authType, FunctionUrlRequest.@Nullable Cors cors, InvokeMode invokeMode, Instant createdAt,
		Instant updatedAt, @JsonIgnore long entityVersion) {

	static FunctionUrlResponse from(FunctionUrl url, FunctionUrlProperties properties) {
		FunctionUrlConfig.Cors cors = url.cors();
		return new FunctionUrlResponse(properties.functionUrl(url.urlId()), url.urlId(), url.namespace(),
				url.functionName(), url.qualifier(), url.authType(),
				(cors != null) ? new FunctionUrlRequest.Cors(cors.allowCredentials(), cors.allowHeaders(),
						cors.allowMethods(), cors.allowOrigins(), cors.exposeHeaders(), cors.maxAgeSeconds()) : null,
				url.invokeMode(), url.createdAt(), url.updatedAt(), url.entityVersion());
	}

}
