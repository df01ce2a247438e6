package dev.aloft.controlplane.accesskey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The control plane's secrets.
 *
 * @param masterKey base64 of 32 random bytes; seals secrets at rest and derives the
 * services' internal token. No default: a control plane without one does not start.
 * @param adminAccessKeyId the first administrator's key id
 * ({@code ALOFT_ADMIN_ACCESS_KEY_ID}); when unset on a first start, one is generated and
 * printed once
 * @param adminSecretAccessKey the first administrator's secret
 * ({@code ALOFT_ADMIN_SECRET_ACCESS_KEY})
 */
@Validated
@ConfigurationProperties("aloft.control-plane.security")
public record SecurityProperties(@NotBlank String masterKey,
		@Nullable @Pattern(regexp = "[A-Z0-9]{16,20}") String adminAccessKeyId,
		@Nullable @Pattern(regexp = "[A-Za-z0-9/+=]{30,64}") String adminSecretAccessKey) {

	public SecurityProperties {
		// Unset environment variables arrive as empty strings.
		adminAccessKeyId = (adminAccessKeyId == null || adminAccessKeyId.isBlank()) ? null : adminAccessKeyId;
		adminSecretAccessKey = (adminSecretAccessKey == null || adminSecretAccessKey.isBlank()) ? null
				: adminSecretAccessKey;
	}

	@Override
	public String toString() {
		return "SecurityProperties[adminAccessKeyId=" + this.adminAccessKeyId + "]";
	}

}
