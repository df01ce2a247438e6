package dev.aloft.router.system;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The router's secrets.
 *
 * @param masterKey the platform's master key (base64 of 32 bytes), shared with the
 * control plane: it derives the internal token the router presents to the control plane
 * and expects from callers of its own internal API. No default: without it the router
 * does not start.
 */
@Validated
@ConfigurationProperties("aloft.event-router.security")
public record SecurityProperties(@NotBlank String masterKey) {

	@Override
	public String toString() {
		return "SecurityProperties[masterKey=(hidden)]";
	}

}
