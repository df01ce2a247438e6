package dev.aloft.gateway.route;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The API Gateway HTTP API payload format 2.0, field for field as
 * {@code LAMBDA-CONTRACT.md} section 4.10 gives it. Empty optional fields are left out,
 * as API Gateway does.
 *
 * @param version always {@code 2.0}
 * @param routeKey e.g. {@code GET /hello/{name}}
 * @param rawPath the request path, percent-encoded as received
 * @param rawQueryString the query string without {@code ?}; empty when none
 * @param cookies the request's cookies, one per entry
 * @param headers lower-cased names; repeated headers joined with commas
 * @param queryStringParameters decoded parameters; repeated ones joined with commas
 * @param requestContext where and how the request arrived
 * @param body the body: text, or base64 when binary
 * @param pathParameters the route's parameters, decoded
 * @param isBase64Encoded whether {@code body} is base64
 * @param stageVariables always absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HttpApiEvent(String version, String routeKey, String rawPath, String rawQueryString,
		@Nullable List<String> cookies, Map<String, String> headers,
		@Nullable Map<String, String> queryStringParameters, RequestContext requestContext, @Nullable String body,
		@Nullable Map<String, String> pathParameters, @JsonProperty("isBase64Encoded") boolean isBase64Encoded,
		@Nullable Map<String, String> stageVariables) {

	/**
	 * {@code requestContext}.
	 *
	 * @param accountId the account that owns the route
	 * @param apiId the API's identifier; a function URL's id
	 * @param authorizer what the route's authorizer established ({@code jwt} or
	 * {@code iam}); absent without one
	 * @param domainName the host the request was sent to, without port
	 * @param domainPrefix the first label of the domain name
	 * @param http method, path, protocol, source IP and user agent
	 * @param requestId the request's id
	 * @param routeKey the matched route key
	 * @param stage always {@code $default}
	 * @param time {@code dd/MMM/yyyy:HH:mm:ss Z}
	 * @param timeEpoch epoch milliseconds
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RequestContext(String accountId, String apiId, @Nullable Map<String, Object> authorizer, String domainName,
			String domainPrefix, Http http, String requestId, String routeKey, String stage, String time,
			long timeEpoch) {
	}

	/**
	 * {@code requestContext.http}.
	 *
	 * @param method the HTTP method
	 * @param path the request path
	 * @param protocol e.g. {@code HTTP/1.1}
	 * @param sourceIp the client's address
	 * @param userAgent the {@code User-Agent} header, or empty
	 */
	record Http(String method, String path, String protocol, String sourceIp, String userAgent) {
	}

}
