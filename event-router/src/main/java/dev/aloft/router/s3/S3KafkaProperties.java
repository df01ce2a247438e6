package dev.aloft.router.s3;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MinIO's Kafka notification target: MinIO produces each object event to a topic, and the
 * router consumes it. Consumed only when {@code topic} is set.
 *
 * @param bootstrapServers the cluster's bootstrap servers ({@code host:port})
 * @param topic the topic MinIO produces to
 * @param groupId the consumer group the routers share; a new group starts at the topic's
 * earliest offset
 * @param retryDelay the wait before a message that could not be enqueued is tried again,
 * and before reconnecting to a cluster that went away
 */
@Validated
@ConfigurationProperties("aloft.event-router.s3.kafka")
record S3KafkaProperties(@DefaultValue List<String> bootstrapServers, @Nullable String topic,
		@DefaultValue("aloft-event-router-s3") @NotBlank String groupId, @DefaultValue("5s") Duration retryDelay) {

	S3KafkaProperties {
		if (retryDelay.isNegative() || retryDelay.isZero()) {
			throw new IllegalArgumentException("s3.kafka.retry-delay must be positive");
		}
		if (topic != null && !topic.isBlank() && bootstrapServers.isEmpty()) {
			throw new IllegalArgumentException("s3.kafka.topic needs s3.kafka.bootstrap-servers");
		}
	}

}
