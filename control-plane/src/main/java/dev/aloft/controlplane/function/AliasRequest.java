package dev.aloft.controlplane.function;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates an alias, or (without a name) points an existing one elsewhere.
 *
 * @param name 1-128 letters, digits, hyphens or underscores, not all digits; required on
 * creation
 * @param functionVersion the version it points at ({@code $LATEST} only without routing)
 * @param description up to 256 characters
 * @param routingConfig a second version and the share of invocations it receives
 */
public record AliasRequest(@Nullable @Pattern(regexp = "(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}") String name,
		@NotBlank @Size(max = 16) String functionVersion, @Nullable @Size(max = 256) String description,
		@Nullable @Valid RoutingConfigRequest routingConfig) {

	/**
	 * Weighted routing to a second version.
	 *
	 * @param additionalVersion the second version
	 * @param additionalVersionWeight the share (0.0–1.0) of invocations it receives
	 */
	public record RoutingConfigRequest(@NotBlank @Size(max = 16) String additionalVersion,
			@DecimalMin("0.0") @DecimalMax("1.0") double additionalVersionWeight) {
	}

}
