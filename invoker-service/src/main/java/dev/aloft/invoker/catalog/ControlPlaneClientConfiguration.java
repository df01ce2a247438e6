package dev.aloft.invoker.catalog;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client for the control plane: feed long-polls and code downloads.
 */
@Configuration(proxyBeanMethods = false)
class ControlPlaneClientConfiguration {

	@Bean
	HttpClient controlPlaneHttpClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
	}

}
