package dev.aloft.router.catalog;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigFeedFollower.ConfigFeedSettings;
import dev.aloft.router.system.InternalToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Follows the control plane's configuration feed for the whole router. Features read it
 * through {@link FunctionCatalog}; they never call the control plane.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean(initMethod = "start", destroyMethod = "close")
	ConfigFeedFollower configFeedFollower(ControlPlaneProperties properties, InternalToken internalToken,
			JsonMapper jsonMapper) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		return new ConfigFeedFollower(new ConfigFeedSettings("event-router", properties.url(), internalToken.value(),
				properties.pollWait(), properties.requestTimeout(), properties.retryDelay()), client, jsonMapper);
	}

}
