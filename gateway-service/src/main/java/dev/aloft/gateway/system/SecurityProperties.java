package dev.aloft.gateway.system;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's secrets.
 *
 * @param masterKey the platform's master key (base64 of 32 bytes), shared with the
 * control plane: it opens the secrets the control plane sealed and derives the internal
 * token the gateway presents to the control plane. No default: without it the gateway
 * does not start.
 */
@Validated
@ConfigurationProperties("aloft.gateway.security")
public record SecurityProperties(@NotBlank String masterKey) {

	@Override
	public String toString() {
		return "SecurityProperties[masterKey=(hidden)]";
	}

}
