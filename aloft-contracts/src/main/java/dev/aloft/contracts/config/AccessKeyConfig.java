package dev.aloft.contracts.config;

import java.util.Map;

/**
 * An access key as the gateway needs it to verify AWS Signature V4 and to authorize: its
 * secret, sealed with the master key, and its role per namespace ({@code *}: every
 * namespace).
 *
 * @param accessKeyId the key id
 * @param secretSealed the secret, sealed for {@code access-key:<id>}
 * @param enabled whether the key may be used
 * @param roles role name per namespace
 */
public record AccessKeyConfig(String accessKeyId, String secretSealed, boolean enabled,
		Map<String, String> roles) implements ConfigResource {

	public AccessKeyConfig {
		roles = Map.copyOf(roles);
	}

	@Override
	public ResourceKind kind() {
		return ResourceKind.ACCESS_KEY;
	}

	@Override
	public String key() {
		return this.accessKeyId;
	}

	@Override
	public String toString() {
		return "AccessKeyConfig[" + this.accessKeyId + "]";
	}

}
