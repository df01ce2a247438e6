package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.controlplane.eventsource.EventSourceMappingResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The shapes of Lambda's event-source mapping operations, with Lambda's member names.
 */
final class EventSourceMappingBodies {

	private static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

	private EventSourceMappingBodies() {
	}

	/**
	 * {@code CreateEventSourceMapping} and {@code UpdateEventSourceMapping} (which
	 * ignores the source members: a mapping's source never changes).
	 *
	 * @param eventSourceArn an SQS queue's ARN
	 * @param functionName the function, optionally qualified
	 * @param enabled whether the router polls
	 * @param batchSize records per invocation
	 * @param maximumBatchingWindowInSeconds how long to gather a batch
	 * @param startingPosition Kafka: {@code LATEST}, {@code TRIM_HORIZON} or
	 * {@code AT_TIMESTAMP}
	 * @param startingPositionTimestamp epoch seconds, with {@code AT_TIMESTAMP}
	 * @param functionResponseTypes {@code ReportBatchItemFailures} or nothing
	 * @param bisectBatchOnFunctionError Kafka: split failing batches
	 * @param maximumRetryAttempts Kafka: -1 or 0–10000
	 * @param maximumRecordAgeInSeconds Kafka: -1 or 60–604800
	 * @param destinationConfig Kafka: where failed records go
	 * @param scalingConfig SQS: the most concurrent invocations
	 * @param filterCriteria the filter patterns
	 * @param topics Kafka: the topic
	 * @param queues RabbitMQ queues (not supported through this API)
	 * @param selfManagedEventSource Kafka: the bootstrap servers
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record MappingBody(@Nullable String eventSourceArn, @Nullable String functionName, @Nullable Boolean enabled,
			@Nullable Integer batchSize, @Nullable Integer maximumBatchingWindowInSeconds,
			@Nullable String startingPosition, @Nullable Double startingPositionTimestamp,
			@Nullable List<String> functionResponseTypes, @Nullable Boolean bisectBatchOnFunctionError,
			@Nullable Integer maximumRetryAttempts, @Nullable Integer maximumRecordAgeInSeconds,
			@Nullable DestinationConfig destinationConfig, @Nullable ScalingConfig scalingConfig,
			@Nullable FilterCriteria filterCriteria, @Nullable List<String> topics, @Nullable List<String> queues,
			@Nullable SelfManagedEventSource selfManagedEventSource) {

		@Nullable List<String> kafkaBootstrapServers() {
			return (this.selfManagedEventSource != null && this.selfManagedEventSource.endpoints() != null)
					? this.selfManagedEventSource.endpoints().get(KAFKA_BOOTSTRAP_SERVERS) : null;
		}

		@Nullable String onFailureDestination() {
			return (this.destinationConfig != null && this.destinationConfig.onFailure() != null)
					? this.destinationConfig.onFailure().destination() : null;
		}

		@Nullable List<String> filterPatterns() {
			return (this.filterCriteria != null && this.filterCriteria.filters() != null)
					? this.filterCriteria.filters()
						.stream()
						.map((filter) -> (filter.pattern() != null) ? filter.pattern() : "")
						.toList()
					: null;
		}

	}

	/**
	 * Where records that failed for good go.
	 *
	 * @param onFailure the destination
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DestinationConfig(@Nullable OnFailure onFailure) {
	}

	/**
	 * A failure destination.
	 *
	 * @param destination its ARN
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record OnFailure(@Nullable String destination) {
	}

	/**
	 * SQS scaling.
	 *
	 * @param maximumConcurrency 2–1000
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ScalingConfig(@Nullable Integer maximumConcurrency) {
	}

	/**
	 * Event filtering.
	 *
	 * @param filters up to 5 patterns
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record FilterCriteria(@Nullable List<Filter> filters) {
	}

	/**
	 * One filter.
	 *
	 * @param pattern an EventBridge-style JSON pattern
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record Filter(@Nullable String pattern) {
	}

	/**
	 * A self-managed Kafka cluster.
	 *
	 * @param endpoints {@code KAFKA_BOOTSTRAP_SERVERS}: {@code host:port} addresses
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	record SelfManagedEventSource(@Nullable Map<String, List<String>> endpoints) {
	}

	/**
	 * Lambda's {@code EventSourceMappingConfiguration}.
	 *
	 * @param uuid the mapping's id
	 * @param eventSourceMappingArn the mapping's ARN
	 * @param eventSourceArn the queue's ARN (SQS)
	 * @param functionArn the function's ARN, qualified unless {@code $LATEST}
	 * @param state {@code Creating}, {@code Updating}, {@code Deleting}, {@code Enabled}
	 * or {@code Disabled}
	 * @param stateTransitionReason {@code USER_INITIATED}
	 * @param lastModified epoch seconds
	 * @param lastProcessingResult not tracked: {@code No records processed}
	 * @param batchSize records per invocation
	 * @param maximumBatchingWindowInSeconds how long to gather a batch
	 * @param startingPosition Kafka's starting position
	 * @param startingPositionTimestamp epoch seconds with {@code AT_TIMESTAMP}
	 * @param functionResponseTypes {@code ReportBatchItemFailures} or nothing
	 * @param bisectBatchOnFunctionError Kafka
	 * @param maximumRetryAttempts Kafka
	 * @param maximumRecordAgeInSeconds Kafka
	 * @param destinationConfig Kafka's failure destination
	 * @param scalingConfig SQS's concurrency
	 * @param filterCriteria the filter patterns
	 * @param topics Kafka's topic
	 * @param selfManagedEventSource Kafka's bootstrap servers
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record MappingConfiguration(@JsonProperty("UUID") String uuid, String eventSourceMappingArn,
			@Nullable String eventSourceArn, String functionArn, String state, String stateTransitionReason,
			double lastModified, String lastProcessingResult, int batchSize, int maximumBatchingWindowInSeconds,
			@Nullable String startingPosition, @Nullable Long startingPositionTimestamp,
			List<String> functionResponseTypes, @Nullable Boolean bisectBatchOnFunctionError,
			@Nullable Integer maximumRetryAttempts, @Nullable Integer maximumRecordAgeInSeconds,
			@Nullable DestinationConfig destinationConfig, @Nullable ScalingConfig scalingConfig,
			@Nullable FilterCriteria filterCriteria, @Nullable List<String> topics,
			@Nullable SelfManagedEventSource selfManagedEventSource) {

		/**
		 * The configuration of a mapping.
		 * @param home the namespace, for ARNs
		 * @param mapping the mapping
		 * @param state the state to show: a transition after a change, else the mapping's
		 * @return the configuration
		 */
		static MappingConfiguration of(FunctionRef home, EventSourceMappingResponse mapping, @Nullable String state) {
			boolean kafka = mapping.sourceType() == SourceType.KAFKA;
			FunctionRef function = new FunctionRef(home.namespace(), home.accountId(), home.region(),
					mapping.function(), null);
			String arn = "$LATEST".equals(mapping.qualifier()) ? function.arn() : function.arn(mapping.qualifier());
			return new MappingConfiguration(mapping.id(),
					"arn:aws:lambda:" + home.region() + ":" + home.accountId() + ":event-source-mapping:"
							+ mapping.id(),
					mapping.eventSourceArn(), arn, (state != null) ? state : mapping.state(), "USER_INITIATED",
					LambdaTimes.epochSeconds(mapping.updatedAt()), "No records processed", mapping.batchSize(),
					mapping.maximumBatchingWindowSeconds(), mapping.startingPosition(),
					mapping.startingPositionTimestamp(),
					mapping.reportBatchItemFailures() ? List.of("ReportBatchItemFailures") : List.of(),
					kafka ? mapping.bisectBatchOnFunctionError() : null, kafka ? mapping.maximumRetryAttempts() : null,
					kafka ? mapping.maximumRecordAgeSeconds() : null,
					(mapping.onFailureDestination() != null)
							? new DestinationConfig(new OnFailure(mapping.onFailureDestination())) : null,
					(mapping.maximumConcurrency() != null) ? new ScalingConfig(mapping.maximumConcurrency()) : null,
					mapping.filterPatterns().isEmpty() ? null
							: new FilterCriteria(mapping.filterPatterns().stream().map(Filter::new).toList()),
					kafka ? mapping.topics() : null,
					kafka ? new SelfManagedEventSource(Map.of(KAFKA_BOOTSTRAP_SERVERS, mapping.endpoints())) : null);
		}

	}

	/**
	 * {@code ListEventSourceMappings}' answer.
	 *
	 * @param eventSourceMappings the mappings on this page
	 * @param nextMarker the marker of the next page; absent on the last
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record MappingList(List<MappingConfiguration> eventSourceMappings, @Nullable String nextMarker) {
	}

}
