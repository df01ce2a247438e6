package dev.aloft.controlplane.function;

import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the configured code store: the database (the default) or an S3-compatible
 * bucket.
 */
@Configuration(proxyBeanMethods = false)
class CodeStoreConfiguration {

	private static final String STORE = "aloft.control-plane.code.store";

	@Bean
	@ConditionalOnProperty(name = STORE, havingValue = "database", matchIfMissing = true)
	CodeContentStore databaseCodeContentStore() {
		return new DatabaseCodeContentStore();
	}

	@Bean
	@ConditionalOnProperty(name = STORE, havingValue = "s3")
	S3CodeContentStore s3CodeContentStore(CodeStoreProperties properties) {
		// CodeStoreProperties refuses store s3 without its settings.
		return S3CodeContentStore.connect(Objects.requireNonNull(properties.s3()));
	}

}
