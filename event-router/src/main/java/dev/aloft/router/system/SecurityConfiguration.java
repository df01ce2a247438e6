package dev.aloft.router.system;

import dev.aloft.secrets.MasterKey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The internal token, from the platform's master key. A missing or malformed key fails
 * start-up.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	InternalToken internalToken(SecurityProperties properties) {
		return InternalToken.of(MasterKey.fromBase64(properties.masterKey()));
	}

}
