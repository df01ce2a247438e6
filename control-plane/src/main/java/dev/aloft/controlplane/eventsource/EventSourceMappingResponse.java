package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.controlplane.eventsource.EventSourceMappingRequest.StartingPosition;
import org.jspecify.annotations.Nullable;

/**
 * An event-source mapping as the API shows it: everything Lambda's
 * {@code EventSourceMappingConfiguration} holds. See {@link EventSourceMappingRequest}
 * for the settings.
 *
 * @param id the mapping's UUID
 * @param namespace the owning namespace
 * @param function the target function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param sourceType {@code SQS}, {@code RABBITMQ} or {@code KAFKA}
 * @param eventSourceArn the SQS queue's ARN, or absent
 * @param endpoints server addresses
 * @param topics the Kafka topic, or empty
 * @param queues the RabbitMQ queue, or empty
 * @param enabled whether the router polls the source
 * @param state Lambda's state: {@code Enabled} or {@code Disabled} (changes apply at
 * once)
 * @param batchSize records per invocation
 * @param maximumBatchingWindowSeconds how long to gather a batch
 * @param startingPosition where a Kafka consumer starts, or absent
 * @param startingPositionTimestamp epoch seconds with {@code AT_TIMESTAMP}, or absent
 * @param reportBatchItemFailures whether the function may report partial failures
 * (Lambda's {@code FunctionResponseTypes: ["ReportBatchItemFailures"]})
 * @param bisectBatchOnFunctionError whether a failing batch is split
 * @param maximumRetryAttempts -1 or 0–10000
 * @param maximumRecordAgeSeconds -1 or 60–604800
 * @param onFailureDestination where records that failed for good go, or absent
 * @param maximumConcurrency the most concurrent SQS invocations, or absent
 * @param filterPatterns the filter patterns
 * @param createdAt when it was created
 * @param updatedAt when it last changed (Lambda's {@code LastModified})
 * @param entityVersion the version its ETag names; not part of the JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSourceMappingResponse(String id, String namespace, String function, String qualifier,
		SourceType sourceType, @Nullable String eventSourceArn, List<String> endpoints, List<String> topics,
		List<String> queues, boolean enabled, String state, int batchSize, int maximumBatchingWindowSeconds,
		@Nullable String startingPosition, @Nullable Long startingPositionTimestamp, boolean reportBatchItemFailures,
		boolean bisectBatchOnFunctionError, int maximumRetryAttempts, int maximumRecordAgeSeconds,
		@Nullable String onFailureDestination, @Nullable Integer maximumConcurrency, List<String> filterPatterns,
		Instant createdAt, Instant updatedAt, @JsonIgnore long entityVersion) {

	/** Lambda's state of an enabled mapping. */
	public static final String ENABLED = "Enabled";

	/** Lambda's state of a disabled mapping. */
	public static final String DISABLED = "Disabled";

	static EventSourceMappingResponse from(EventSourceMapping mapping) {
		EventSourceMappingConfig config = mapping.config();
		return new EventSourceMappingResponse(config.id(), config.namespace(), config.functionName(),
				config.qualifier(), config.sourceType(), config.eventSourceArn(), config.endpoints(), config.topics(),
				config.queues(), config.enabled(), config.enabled() ? ENABLED : DISABLED, config.batchSize(),
				config.maximumBatchingWindowSeconds(), config.startingPosition(), config.startingPositionTimestamp(),
				config.reportBatchItemFailures(), config.bisectBatchOnFunctionError(), config.maximumRetryAttempts(),
				config.maximumRecordAgeSeconds(), config.onFailureDestination(), config.maximumConcurrency(),
				config.filterPatterns(), mapping.createdAt(), mapping.updatedAt(), mapping.entityVersion());
	}

	/**
	 * A request that replaces the mapping with what it is now, for read-modify-write
	 * updates (Lambda's {@code UpdateEventSourceMapping} changes only the fields it is
	 * given): copy it with the changed fields and pass it to
	 * {@link EventSourceMappingService#update}.
	 * @return the request
	 */
	public EventSourceMappingRequest toRequest() {
		return new EventSourceMappingRequest(this.function, this.qualifier, this.sourceType, this.eventSourceArn,
				this.endpoints, this.topics, this.queues, this.enabled, this.batchSize,
				this.maximumBatchingWindowSeconds,
				(this.startingPosition != null) ? StartingPosition.valueOf(this.startingPosition) : null,
				this.startingPositionTimestamp, this.reportBatchItemFailures, this.bisectBatchOnFunctionError,
				this.maximumRetryAttempts, this.maximumRecordAgeSeconds, this.onFailureDestination,
				this.maximumConcurrency, this.filterPatterns);
	}

}
