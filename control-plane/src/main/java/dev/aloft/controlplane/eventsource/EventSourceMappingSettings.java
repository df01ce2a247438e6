package dev.aloft.controlplane.eventsource;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.aloft.controlplane.eventsource.EventSourceMappingRequest.StartingPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A mapping's settings, checked against Lambda's rules for its source type and with
 * Lambda's defaults filled in.
 *
 * @param source where records come from
 * @param enabled whether the router polls the source
 * @param batchSize records per invocation
 * @param maximumBatchingWindowSeconds how long to gather a batch
 * @param startingPosition where a Kafka consumer starts, or null
 * @param startingPositionTimestamp epoch seconds with {@code AT_TIMESTAMP}, or null
 * @param reportBatchItemFailures whether the function may report partial failures
 * @param bisectBatchOnFunctionError whether a failing Kafka batch is split
 * @param maximumRetryAttempts -1 or 0–10000
 * @param maximumRecordAgeSeconds -1 or 60–604800
 * @param onFailureDestination where records that failed for good go, or null
 * @param maximumConcurrency the most concurrent SQS invocations, or null
 * @param filterPatterns the filter patterns
 */
record EventSourceMappingSettings(EventSource source, boolean enabled, int batchSize, int maximumBatchingWindowSeconds,
		@Nullable String startingPosition, @Nullable Long startingPositionTimestamp, boolean reportBatchItemFailures,
		boolean bisectBatchOnFunctionError, int maximumRetryAttempts, int maximumRecordAgeSeconds,
		@Nullable String onFailureDestination, @Nullable Integer maximumConcurrency, List<String> filterPatterns) {

	/** SQS's default batch size, and its largest without a batching window. */
	static final int SQS_BATCH_SIZE = 10;

	/** The default batch size of Kafka and RabbitMQ. */
	static final int STREAM_BATCH_SIZE = 100;

	/**
	 * The default batching window of Kafka and RabbitMQ: Lambda's 500 ms, rounded up to
	 * the whole seconds the setting is kept in (0 would mean not to wait at all).
	 */
	static final int STREAM_BATCHING_WINDOW_SECONDS = 1;

	/** -1: retry until the record expires; for records, no age limit. */
	static final int UNLIMITED = -1;

	private static final int MIN_RECORD_AGE_SECONDS = 60;

	private static final Pattern DESTINATION_ARN = Pattern
		.compile("arn:aws[a-zA-Z0-9-]*:(sqs|sns|s3|kafka):[a-z0-9-]*:([0-9]{12})?:\\S+");

	/**
	 * Checks a request and fills in the defaults of its source type.
	 * @param request the request
	 * @return the settings
	 * @throws InvalidTriggerException when the request breaks one of Lambda's rules
	 */
	static EventSourceMappingSettings of(EventSourceMappingRequest request) {
		EventSource source = EventSource.of(request);
		List<String> filterPatterns = filterPatterns(request.filterPatterns());
		boolean enabled = Objects.requireNonNullElse(request.enabled(), true);
		return switch (source.type()) {
			case SQS -> sqs(source, enabled, request, filterPatterns);
			case KAFKA -> kafka(source, enabled, request, filterPatterns);
			case RABBITMQ -> rabbitMq(source, enabled, request, filterPatterns);
		};
	}

	private static EventSourceMappingSettings sqs(EventSource source, boolean enabled,
			EventSourceMappingRequest request, List<String> filterPatterns) {
		if (request.onFailureDestination() != null) {
			throw new InvalidTriggerException("/onFailureDestination",
					"Unsupported DestinationConfig parameter for given event source mapping type.");
		}
		rejectStartingPosition(request);
		rejectStreamErrorHandling(request);
		int window = Objects.requireNonNullElse(request.maximumBatchingWindowSeconds(), 0);
		int batchSize = Objects.requireNonNullElse(request.batchSize(), SQS_BATCH_SIZE);
		if (source.fifo() && batchSize > SQS_BATCH_SIZE) {
			throw new InvalidTriggerException("/batchSize",
					"The batch size of an SQS FIFO queue must be at most " + SQS_BATCH_SIZE);
		}
		if (batchSize > SQS_BATCH_SIZE && window < 1) {
			throw new InvalidTriggerException("/batchSize",
					"Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
		}
		return new EventSourceMappingSettings(source, enabled, batchSize, window, null, null,
				Boolean.TRUE.equals(request.reportBatchItemFailures()), false, UNLIMITED, UNLIMITED, null,
				request.maximumConcurrency(), filterPatterns);
	}

	private static EventSourceMappingSettings kafka(EventSource source, boolean enabled,
			EventSourceMappingRequest request, List<String> filterPatterns) {
		rejectMaximumConcurrency(request);
		StartingPosition position = request.startingPosition();
		if (position == null) {
			throw new InvalidTriggerException("/startingPosition",
					"A Kafka mapping needs startingPosition: LATEST, TRIM_HORIZON or AT_TIMESTAMP");
		}
		Long timestamp = request.startingPositionTimestamp();
		if (position == StartingPosition.AT_TIMESTAMP && timestamp == null) {
			throw new InvalidTriggerException("/startingPositionTimestamp",
					"startingPosition AT_TIMESTAMP needs startingPositionTimestamp, in epoch seconds");
		}
		if (position != StartingPosition.AT_TIMESTAMP && timestamp != null) {
			throw new InvalidTriggerException("/startingPositionTimestamp",
					"startingPositionTimestamp goes with startingPosition AT_TIMESTAMP only");
		}
		int maximumRecordAge = Objects.requireNonNullElse(request.maximumRecordAgeSeconds(), UNLIMITED);
		if (maximumRecordAge != UNLIMITED && maximumRecordAge < MIN_RECORD_AGE_SECONDS) {
			throw new InvalidTriggerException("/maximumRecordAgeSeconds",
					"maximumRecordAgeSeconds must be -1 (no limit) or between 60 and 604800");
		}
		String destination = request.onFailureDestination();
		if (destination != null && !DESTINATION_ARN.matcher(destination).matches()) {
			throw new InvalidTriggerException("/onFailureDestination", "The destination " + destination
					+ " is invalid: use the ARN of an SQS queue, an SNS topic, an S3 bucket or a Kafka cluster");
		}
		return new EventSourceMappingSettings(source, enabled,
				Objects.requireNonNullElse(request.batchSize(), STREAM_BATCH_SIZE),
				Objects.requireNonNullElse(request.maximumBatchingWindowSeconds(), STREAM_BATCHING_WINDOW_SECONDS),
				position.name(), timestamp, Boolean.TRUE.equals(request.reportBatchItemFailures()),
				Boolean.TRUE.equals(request.bisectBatchOnFunctionError()),
				Objects.requireNonNullElse(request.maximumRetryAttempts(), UNLIMITED), maximumRecordAge, destination,
				null, filterPatterns);
	}

	private static EventSourceMappingSettings rabbitMq(EventSource source, boolean enabled,
			EventSourceMappingRequest request, List<String> filterPatterns) {
		if (request.onFailureDestination() != null) {
			throw new InvalidTriggerException("/onFailureDestination",
					"Unsupported DestinationConfig parameter for given event source mapping type.");
		}
		rejectStartingPosition(request);
		rejectStreamErrorHandling(request);
		rejectMaximumConcurrency(request);
		if (Boolean.TRUE.equals(request.reportBatchItemFailures())) {
			throw unsupported("/reportBatchItemFailures");
		}
		return new EventSourceMappingSettings(source, enabled,
				Objects.requireNonNullElse(request.batchSize(), STREAM_BATCH_SIZE),
				Objects.requireNonNullElse(request.maximumBatchingWindowSeconds(), STREAM_BATCHING_WINDOW_SECONDS),
				null, null, false, false, UNLIMITED, UNLIMITED, null, null, filterPatterns);
	}

	private static void rejectStartingPosition(EventSourceMappingRequest request) {
		if (request.startingPosition() != null) {
			throw unsupported("/startingPosition");
		}
		if (request.startingPositionTimestamp() != null) {
			throw unsupported("/startingPositionTimestamp");
		}
	}

	/**
	 * Bisecting, retry counts and record ages are for streams: queues redeliver failed
	 * messages themselves.
	 */
	private static void rejectStreamErrorHandling(EventSourceMappingRequest request) {
		if (Boolean.TRUE.equals(request.bisectBatchOnFunctionError())) {
			throw unsupported("/bisectBatchOnFunctionError");
		}
		if (request.maximumRetryAttempts() != null && request.maximumRetryAttempts() != UNLIMITED) {
			throw unsupported("/maximumRetryAttempts");
		}
		if (request.maximumRecordAgeSeconds() != null && request.maximumRecordAgeSeconds() != UNLIMITED) {
			throw unsupported("/maximumRecordAgeSeconds");
		}
	}

	private static void rejectMaximumConcurrency(EventSourceMappingRequest request) {
		if (request.maximumConcurrency() != null) {
			throw unsupported("/maximumConcurrency");
		}
	}

	private static InvalidTriggerException unsupported(String pointer) {
		return new InvalidTriggerException(pointer,
				"Unsupported " + pointer.substring(1) + " parameter for given event source mapping type.");
	}

	private static List<String> filterPatterns(@Nullable List<String> patterns) {
		if (patterns == null) {
			return List.of();
		}
		for (int i = 0; i < patterns.size(); i++) {
			JsonNode pattern = JsonText.read(patterns.get(i));
			if (pattern == null || !pattern.isObject()) {
				throw new InvalidTriggerException("/filterPatterns/" + i,
						"Filter pattern " + i + " must be a JSON object, e.g. {\"body\":{\"type\":[\"order\"]}}");
			}
		}
		return List.copyOf(patterns);
	}

}
