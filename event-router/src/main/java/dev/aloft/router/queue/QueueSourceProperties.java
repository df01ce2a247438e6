package dev.aloft.router.queue;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How queue event sources are consumed.
 *
 * @param restartDelay how long a consumer that failed (its server unreachable) waits
 * before it starts again
 * @param sqs SQS settings
 * @param rabbitmq RabbitMQ settings
 */
@Validated
@ConfigurationProperties("aloft.event-router.queue")
record QueueSourceProperties(@DefaultValue("5s") Duration restartDelay, @DefaultValue @Valid Sqs sqs,
		@DefaultValue @Valid Rabbitmq rabbitmq) {

	QueueSourceProperties {
		requirePositive("restart-delay", restartDelay);
	}

	static void requirePositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	/**
	 * SQS settings. A mapping's own endpoint (the URL of an SQS-compatible server) wins
	 * over {@code endpoint}.
	 *
	 * @param endpoint the SQS server for mappings that name none, and for SQS queue
	 * destinations; AWS's endpoint for the queue's region when unset
	 * @param accessKeyId the access key to sign requests with; the AWS SDK's default
	 * credentials when unset
	 * @param secretAccessKey its secret
	 * @param waitTime how long one receive long-polls (1–20 s)
	 * @param defaultConcurrency how many batches of one mapping may be with the function
	 * at once when the mapping sets no {@code maximumConcurrency} (Lambda starts with 5)
	 */
	record Sqs(@Nullable URI endpoint, @Nullable String accessKeyId, @Nullable String secretAccessKey,
			@DefaultValue("20s") Duration waitTime, @DefaultValue("5") @Positive int defaultConcurrency) {

		Sqs {
			if (waitTime.toSeconds() < 1 || waitTime.toSeconds() > 20) {
				throw new IllegalArgumentException("sqs.wait-time must be 1 to 20 seconds");
			}
			if ((accessKeyId == null) != (secretAccessKey == null)) {
				throw new IllegalArgumentException("sqs.access-key-id and sqs.secret-access-key go together");
			}
		}

	}

	/**
	 * RabbitMQ settings; mappings name the broker (an {@code amqp://} URI without
	 * credentials) and the queue.
	 *
	 * @param username the user to connect as
	 * @param password its password
	 * @param maxAttempts how many times a message is given to the function before it is
	 * rejected to the queue's dead-letter exchange
	 * @param retryDelay the wait before trying a failed message again
	 */
	record Rabbitmq(@DefaultValue("guest") String username, @DefaultValue("guest") String password,
			@DefaultValue("3") @Positive int maxAttempts, @DefaultValue("1s") Duration retryDelay) {

		Rabbitmq {
			if (retryDelay.isNegative()) {
				throw new IllegalArgumentException("rabbitmq.retry-delay must not be negative");
			}
		}

	}

}
