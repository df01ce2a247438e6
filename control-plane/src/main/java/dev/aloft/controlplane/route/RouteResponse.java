package dev.aloft.controlplane.route;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.controlplane.functionurl.FunctionUrlRequest;
import org.jspecify.annotations.Nullable;

/**
 * A route as the API shows it. Secrets never appear: API keys only as a count, the HS256
 * secret only as whether one is set.
 *
 * @param id the route's identifier
 * @param namespace the owning namespace
 * @param method the HTTP method, or {@code ANY}
 * @param path the path template
 * @param function the target function
 * @param qualifier the target version or alias
 * @param auth who may call it
 * @param cors the CORS settings, every field present, or absent for none
 * @param async whether the gateway queues the event and answers 202
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RouteResponse(String id, String namespace, String method, String path, String function, String qualifier,
		AuthResponse auth, FunctionUrlRequest.@Nullable Cors cors, boolean async, Instant createdAt,
		Instant updatedAt) {

	static RouteResponse from(Route route) {
		return new RouteResponse(route.id().toString(), route.namespace(), route.method(), route.path(),
				route.functionName(), route.qualifier(), AuthResponse.from(route.auth()),
				RouteCors.toResponse(route.cors()), route.async(), route.createdAt(), route.updatedAt());
	}

	/**
	 * A route's auth without its secrets; only the fields of its type are present.
	 *
	 * @param type {@code NONE}, {@code API_KEY}, {@code JWT} or {@code AWS_IAM}
	 * @param apiKeyCount for {@code API_KEY}: how many keys are accepted
	 * @param issuer for {@code JWT}: the required {@code iss}
	 * @param audiences for {@code JWT}: the accepted {@code aud} values
	 * @param hs256SecretSet for {@code JWT}: whether tokens are verified with an HS256
	 * secret (rather than the keys at {@code jwksUrl})
	 * @param jwksUrl for {@code JWT} with RS256 keys: where they are published
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AuthResponse(String type, @Nullable Integer apiKeyCount, @Nullable String issuer,
			@Nullable List<String> audiences, @Nullable Boolean hs256SecretSet, @Nullable String jwksUrl) {

		static AuthResponse from(RouteAuth auth) {
			RouteAuth.Jwt jwt = auth.jwt();
			if (jwt != null) {
				return new AuthResponse(auth.type(), null, jwt.issuer(), jwt.audiences(),
						jwt.hs256SecretSealed() != null, jwt.jwksUrl());
			}
			return new AuthResponse(auth.type(),
					RouteRequest.AuthType.API_KEY.name().equals(auth.type()) ? auth.apiKeySha256().size() : null, null,
					null, null, null);
		}

	}

}
