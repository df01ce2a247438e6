package dev.aloft.router.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the object-event webhook authenticates its caller.
 *
 * @param webhookToken the token the object store presents, as
 * {@code Authorization: Bearer <token>} (MinIO's {@code auth_token}); without one the
 * webhook accepts nothing
 */
@ConfigurationProperties("aloft.event-router.s3")
record S3WebhookProperties(@Nullable String webhookToken) {

	/**
	 * Whether an {@code Authorization} header carries the token: {@code Bearer <token>},
	 * or the bare token (older MinIO releases send it as configured).
	 */
	boolean accepts(@Nullable String authorization) {
		if (this.webhookToken == null || this.webhookToken.isBlank() || authorization == null) {
			return false;
		}
		String presented = authorization.strip();
		if (presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
			presented = presented.substring(7).strip();
		}
		return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
				this.webhookToken.getBytes(StandardCharsets.UTF_8));
	}

	boolean configured() {
		return this.webhookToken != null && !this.webhookToken.isBlank();
	}

}
