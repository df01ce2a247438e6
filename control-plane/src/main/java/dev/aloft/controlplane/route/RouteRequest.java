package dev.aloft.controlplane.route;

import java.util.List;

import dev.aloft.controlplane.functionurl.FunctionUrlRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a route, or replaces it (the whole route: what is left out takes its default,
 * except {@code auth}, which a replacement must state, so that a route never opens by
 * omission).
 *
 * @param method an HTTP method, or {@code ANY}
 * @param path a path template, e.g. {@code /hello/{name}}
 * @param function the target function, in the same namespace
 * @param qualifier the target version or alias; {@code $LATEST} when unset
 * @param auth who may call the route; anyone ({@code NONE}) when unset on creation
 * @param cors the CORS settings the gateway answers browsers with, as function URLs take
 * them; none when unset
 * @param async whether the gateway queues the event and answers 202 instead of waiting
 * for the function; false when unset
 */
record RouteRequest(@NotBlank @Pattern(regexp = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY") String method,
		@NotBlank String path, @NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String function,
		@Nullable @Size(min = 1, max = 128) @Pattern(regexp = "\\$LATEST|[a-zA-Z0-9_-]+") String qualifier,
		@Nullable @Valid Auth auth, @Valid FunctionUrlRequest.@Nullable Cors cors, @Nullable Boolean async) {

	/** How callers of a route authenticate. */
	enum AuthType {

		/** Anyone may call. */
		NONE,

		/** Callers send one of the route's keys in {@code x-api-key}. */
		API_KEY,

		/**
		 * Callers send a bearer JWT the route's issuer signed for one of its audiences.
		 */
		JWT,

		/** Callers sign with Signature V4, with an access key allowed to invoke. */
		AWS_IAM

	}

	/**
	 * Who may call a route. Only the fields of the chosen type may be present; the
	 * cross-field rules are checked by {@link RouteAuthSettings}.
	 *
	 * @param type the kind of authentication
	 * @param apiKeys for {@code API_KEY}: 1–50 distinct keys, 20–128 printable ASCII
	 * characters each; stored only as SHA-256 digests
	 * @param issuer for {@code JWT}: the required {@code iss} claim
	 * @param audiences for {@code JWT}: 1–50 accepted {@code aud} values
	 * @param hs256Secret for {@code JWT}: the HMAC-SHA256 secret (at least 32 bytes), or
	 * absent when {@code jwksUrl} is given; stored only sealed
	 * @param jwksUrl for {@code JWT}: where the issuer publishes its RS256 keys, or
	 * absent when {@code hs256Secret} is given
	 */
	record Auth(@NotNull AuthType type,
			@Nullable @Size(min = 1,
					max = 50) List<@NotNull @Size(min = 20, max = 128) @Pattern(regexp = "[\\x21-\\x7E]+",
							message = "must be printable ASCII without spaces") String> apiKeys,
			@Nullable @Size(min = 1, max = 2048) @Pattern(regexp = "\\S+") String issuer,
			@Nullable @Size(min = 1, max = 50) List<@NotBlank @Size(max = 256) String> audiences,
			@Nullable @Size(min = 32, max = 512) String hs256Secret, @Nullable @Size(max = 2048) String jwksUrl) {

		/**
		 * Leaves the secrets out, so the request can never be logged with them.
		 */
		@Override
		public String toString() {
			return "Auth[type=" + this.type + ", apiKeys=" + ((this.apiKeys != null) ? this.apiKeys.size() : 0)
					+ ", issuer=" + this.issuer + ", audiences=" + this.audiences + ", hs256Secret="
					+ ((this.hs256Secret != null) ? "(set)" : "(none)") + ", jwksUrl=" + this.jwksUrl + "]";
		}

	}

}
