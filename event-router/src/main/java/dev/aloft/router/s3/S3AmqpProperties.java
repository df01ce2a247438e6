package dev.aloft.router.s3;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MinIO's AMQP notification target: MinIO publishes each object event to an exchange, and
 * the router consumes a queue bound to it. Consumed only when {@code queue} is set.
 *
 * @param uri the broker, an {@code amqp://host:port} URI without credentials
 * @param username the user to connect as
 * @param password its password
 * @param queue the queue to consume; the router does not declare it
 * @param prefetch how many messages the broker hands over before they are acked
 * @param retryDelay the wait before a message that could not be enqueued is tried again,
 * and before reconnecting to a broker that went away
 */
@Validated
@ConfigurationProperties("aloft.event-router.s3.amqp")
record S3AmqpProperties(@DefaultValue("amqp://127.0.0.1:5672") URI uri, @DefaultValue("guest") String username,
		@DefaultValue("guest") String password, @Nullable String queue, @DefaultValue("10") @Positive int prefetch,
		@DefaultValue("5s") Duration retryDelay) {

	S3AmqpProperties {
		if (retryDelay.isNegative() || retryDelay.isZero()) {
			throw new IllegalArgumentException("s3.amqp.retry-delay must be positive");
		}
		if (uri.getUserInfo() != null) {
			throw new IllegalArgumentException(
					"s3.amqp.uri must not carry credentials: set s3.amqp.username " + "and s3.amqp.password");
		}
	}

	/** Leaves the password out, so that logging the settings never shows it. */
	@Override
	public String toString() {
		return "S3AmqpProperties[uri=" + this.uri + ", username=" + this.username + ", queue=" + this.queue
				+ ", prefetch=" + this.prefetch + ", retryDelay=" + this.retryDelay + "]";
	}

}
