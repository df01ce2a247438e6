package dev.aloft.gateway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway presents functions to callers.
 *
 * @param region the region in function ARNs
 * @param accountId the 12-digit account id in function ARNs and events
 */
@Validated
@ConfigurationProperties("aloft.gateway")
public record GatewayProperties(@NotBlank @DefaultValue("us-east-1") String region,
		@Pattern(regexp = "\\d{12}") @DefaultValue("000000000000") String accountId) {

	/**
	 * The ARN of a function, qualified when a qualifier is given.
	 * @param functionName the function
	 * @param qualifier a version or alias, or null
	 * @return the ARN
	 */
	public String functionArn(String functionName, String qualifier) {
		String arn = "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + functionName;
		return (qualifier == null || qualifier.isEmpty()) ? arn : arn + ":" + qualifier;
	}

}
