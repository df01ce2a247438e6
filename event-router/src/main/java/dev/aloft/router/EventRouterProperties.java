package dev.aloft.router;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the router names functions in ARNs (destination records, invoked function ARNs).
 *
 * @param region the region in function ARNs
 * @param accountId the 12-digit account id in function ARNs
 */
@Validated
@ConfigurationProperties("aloft.event-router")
public record EventRouterProperties(@NotBlank @DefaultValue("us-east-1") String region,
		@Pattern(regexp = "\\d{12}") @DefaultValue("000000000000") String accountId) {

	/**
	 * The unqualified ARN of a function.
	 * @param functionName the function
	 * @return the ARN
	 */
	public String functionArn(String functionName) {
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + functionName;
	}

	/**
	 * The ARN of a function qualified with a version or alias.
	 * @param functionName the function
	 * @param qualifier {@code $LATEST}, a version or an alias
	 * @return the qualified ARN
	 */
	public String functionArn(String functionName, String qualifier) {
		return functionArn(functionName) + ":" + qualifier;
	}

}
