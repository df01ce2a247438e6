package dev.aloft.gateway.throttle;

import java.util.Map;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many synchronous invocations each namespace may have running at once, through all
 * gateways together (each admits its share: see {@link ClusterProperties}).
 *
 * @param namespaceConcurrency the limit of every namespace without its own; 1000 by
 * default, Lambda's default account limit
 * @param namespaces limits of particular namespaces, by name
 */
@Validated
@ConfigurationProperties("aloft.gateway.throttle")
record ThrottleProperties(@DefaultValue("1000") @PositiveOrZero int namespaceConcurrency,
		Map<String, Integer> namespaces) {

	ThrottleProperties {
		namespaces = (namespaces != null) ? Map.copyOf(namespaces) : Map.of();
		namespaces.forEach((namespace, limit) -> {
			if (limit < 0) {
				throw new IllegalArgumentException(
						"The concurrency limit of namespace " + namespace + " must not be negative");
			}
		});
	}

	/**
	 * A namespace's limit.
	 * @param namespace the namespace
	 * @return its limit
	 */
	int limitOf(String namespace) {
		return this.namespaces.getOrDefault(namespace, this.namespaceConcurrency);
	}

}
