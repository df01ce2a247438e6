package dev.aloft.controlplane.lambdaapi;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Lambda management API.
 *
 * @param region the region ARNs name, e.g. {@code arn:aws:lambda:<region>:...}; clients
 * may sign for any region
 * @param maxClockSkew how far the date of a signed request may be from the control
 * plane's clock (AWS allows 15 minutes)
 */
@Validated
@ConfigurationProperties("aloft.control-plane.lambda-api")
record LambdaApiProperties(
		@NotNull @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d") @DefaultValue("us-east-1") String region,
		@NotNull @DefaultValue("15m") Duration maxClockSkew) {

	LambdaApiProperties {
		if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
			throw new IllegalArgumentException("max-clock-skew must be positive");
		}
	}

}
