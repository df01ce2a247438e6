package dev.aloft.controlplane.eventsource;

import java.util.List;

import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates an event-source mapping, or replaces one (the whole mapping: what is left out
 * takes its default). Settings a source type does not support are rejected, except at
 * their neutral value (-1, false, absent), so a mapping read back can be sent again.
 *
 * @param function the target function, in the same namespace
 * @param qualifier {@code $LATEST} (when absent), a published version or an alias
 * @param sourceType {@code SQS}, {@code RABBITMQ} or {@code KAFKA}
 * @param eventSourceArn SQS only, required:
 * {@code arn:aws:sqs:<region>:<account>:<queue>}
 * @param endpoints SQS: optionally the http(s) URL of the SQS-compatible server;
 * RabbitMQ: one {@code amqp://} or {@code amqps://} URI without credentials; Kafka: 1–10
 * bootstrap servers, {@code host:port}
 * @param topics Kafka: exactly one topic
 * @param queues RabbitMQ: exactly one queue
 * @param enabled whether the router polls the source; true when absent
 * @param batchSize records per invocation, 1–10000; SQS 10 by default and at most 10
 * unless the batching window is at least 1 s (at most 10 for FIFO queues); Kafka and
 * RabbitMQ 100 by default
 * @param maximumBatchingWindowSeconds how long to gather a batch, 0–300 s; SQS 0 by
 * default; Kafka and RabbitMQ 1 by default (Lambda's 500 ms rounded up to whole seconds)
 * @param startingPosition Kafka only, required: where a new consumer starts reading
 * @param startingPositionTimestamp with {@code AT_TIMESTAMP} only (and then required):
 * epoch seconds
 * @param reportBatchItemFailures SQS and Kafka: whether the function may answer with
 * {@code batchItemFailures}
 * @param bisectBatchOnFunctionError Kafka: split a failing batch in two and retry the
 * halves
 * @param maximumRetryAttempts Kafka: -1 (until the record expires, the default) or
 * 0–10000
 * @param maximumRecordAgeSeconds Kafka: -1 (forever, the default) or 60–604800
 * @param onFailureDestination Kafka: the ARN of an SQS queue, SNS topic, S3 bucket or
 * Kafka cluster that receives records that failed for good
 * @param maximumConcurrency SQS: the most concurrent invocations, 2–1000
 * @param filterPatterns up to 5 EventBridge-style patterns, JSON objects of at most 4096
 * characters; records that match none are dropped
 */
public record EventSourceMappingRequest(@NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String function,
		@Nullable @Size(min = 1, max = 128) @Pattern(regexp = "\\$LATEST|[a-zA-Z0-9_-]+") String qualifier,
		@NotNull SourceType sourceType, @Nullable @Size(min = 1, max = 1024) String eventSourceArn,
		@Nullable @Size(max = 10) List<@NotBlank @Size(max = 1024) String> endpoints,
		@Nullable @Size(max = 1) List<@NotBlank @Size(max = 249) String> topics,
		@Nullable @Size(max = 1) List<@NotBlank @Size(max = 255) String> queues, @Nullable Boolean enabled,
		@Nullable @Min(1) @Max(10000) Integer batchSize,
		@Nullable @Min(0) @Max(300) Integer maximumBatchingWindowSeconds, @Nullable StartingPosition startingPosition,
		@Nullable @PositiveOrZero Long startingPositionTimestamp, @Nullable Boolean reportBatchItemFailures,
		@Nullable Boolean bisectBatchOnFunctionError, @Nullable @Min(-1) @Max(10000) Integer maximumRetryAttempts,
		@Nullable @Min(-1) @Max(604800) Integer maximumRecordAgeSeconds,
		@Nullable @Size(min = 1, max = 1024) String onFailureDestination,
		@Nullable @Min(2) @Max(1000) Integer maximumConcurrency,
		@Nullable @Size(max = 5) List<@NotNull @Size(max = 4096) String> filterPatterns) {

	/** Where a Kafka consumer without committed offsets starts reading. */
	public enum StartingPosition {

		/** At the newest record: only records that arrive from now on. */
		LATEST,

		/** At the oldest record still retained. */
		TRIM_HORIZON,

		/** At the first record at or after {@code startingPositionTimestamp}. */
		AT_TIMESTAMP

	}

}
