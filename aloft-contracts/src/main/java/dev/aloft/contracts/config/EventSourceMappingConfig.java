package dev.aloft.contracts.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An event-source mapping: the router polls a queue or stream and invokes a function with
 * batches of its records, with Lambda's batch settings.
 *
 * @param id the mapping's UUID
 * @param namespace the owning namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param sourceType where records come from
 * @param eventSourceArn the source (an SQS queue ARN, an MSK cluster ARN, an MQ broker
 * ARN), or null for a self-managed Kafka cluster
 * @param endpoints connection endpoints for self-managed sources (Kafka bootstrap
 * servers, an AMQP URI); empty otherwise
 * @param topics Kafka topics; empty otherwise
 * @param queues RabbitMQ queues; empty otherwise
 * @param enabled whether the router polls it
 * @param batchSize records per invocation (1–10000)
 * @param maximumBatchingWindowSeconds how long to gather a batch (0–300)
 * @param startingPosition {@code LATEST}, {@code TRIM_HORIZON} or {@code AT_TIMESTAMP}
 * (streams)
 * @param startingPositionTimestamp epoch seconds, with {@code AT_TIMESTAMP}
 * @param reportBatchItemFailures whether the function may report partial batch failures
 * @param bisectBatchOnFunctionError whether a failing stream batch is split in two
 * (streams)
 * @param maximumRetryAttempts -1 (until the record expires) or 0–10000 (streams)
 * @param maximumRecordAgeSeconds -1 (forever) or 60–604800 (streams)
 * @param onFailureDestination where records that fail for good go (streams)
 * @param maximumConcurrency the most concurrent invocations (SQS, 2–1000), or null
 * @param filterPatterns EventBridge-style patterns; records matching none are dropped
 */
public record EventSourceMappingConfig(String id, String namespace, String functionName, String qualifier,
		SourceType sourceType, @Nullable String eventSourceArn, List<String> endpoints, List<String> topics,
		List<String> queues, boolean enabled, int batchSize, int maximumBatchingWindowSeconds,
		@Nullable String startingPosition, @Nullable Long startingPositionTimestamp, boolean reportBatchItemFailures,
		boolean bisectBatchOnFunctionError, int maximumRetryAttempts, int maximumRecordAgeSeconds,
		@Nullable String onFailureDestination, @Nullable Integer maximumConcurrency,
		List<String> filterPatterns) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.EVENT_SOURCE_MAPPING;
	}

	@Override
	public String key() {
		return this.id;
	}

	/** The kinds of source a mapping reads. */
	public enum SourceType {

		/** An SQS queue (or an SQS-compatible server). */
		SQS,

		/** A RabbitMQ queue over AMQP. */
		RABBITMQ,

		/** Kafka topics (MSK or self-managed). */
		KAFKA

	}

}
