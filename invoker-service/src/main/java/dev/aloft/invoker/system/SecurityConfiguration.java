package dev.aloft.invoker.system;

import dev.aloft.secrets.MasterKey;
import dev.aloft.secrets.SecretBox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's master key, and the box that opens secrets with it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	MasterKey masterKey(SecurityProperties properties) {
		return MasterKey.fromBase64(properties.masterKey());
	}

	@Bean
	SecretBox secretBox(MasterKey masterKey) {
		return new SecretBox(masterKey);
	}

}
