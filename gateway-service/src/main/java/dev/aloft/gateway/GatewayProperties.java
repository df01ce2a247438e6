package dev.aloft.gateway;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway presents functions to callers. Account ids come from namespaces.
 *
 * @param region the region in function ARNs; SDK clients must sign for it
 */
@Validated
@ConfigurationProperties("aloft.gateway")
public record GatewayProperties(@NotBlank @DefaultValue("us-east-1") String region) {

	/**
	 * The ARN of a function, qualified when a qualifier is given.
	 * @param accountId the account id of the function's namespace
	 * @param functionName the function
	 * @param qualifier a version or alias, or null
	 * @return the ARN
	 */
	public String functionArn(String accountId, String functionName, @Nullable String qualifier) {
		String arn = "arn:aws:lambda:" + this.region + ":" + accountId + ":function:" + functionName;
		return (qualifier == null || qualifier.isEmpty()) ? arn : arn + ":" + qualifier;
	}

}
