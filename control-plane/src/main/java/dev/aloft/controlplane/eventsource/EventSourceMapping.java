package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * An event-source mapping: the router reads a queue or topic and invokes a function with
 * batches of its records.
 */
@Entity
@Table(name = "event_source_mapping")
class EventSourceMapping {

	@Id
	private UUID id;

	private String namespace;

	private UUID functionId;

	private String functionName;

	private String qualifier;

	@Enumerated(EnumType.STRING)
	private SourceType sourceType;

	private String sourceKey;

	private @Nullable String eventSourceArn;

	@Convert(converter = JsonListConverter.class)
	private List<String> endpoints;

	@Convert(converter = JsonListConverter.class)
	private List<String> topics;

	@Convert(converter = JsonListConverter.class)
	private List<String> queues;

	private boolean enabled;

	private int batchSize;

	private int maximumBatchingWindowSeconds;

	private @Nullable String startingPosition;

	private @Nullable Long startingPositionTimestamp;

	private boolean reportBatchItemFailures;

	private boolean bisectBatchOnFunctionError;

	private int maximumRetryAttempts;

	private int maximumRecordAgeSeconds;

	private @Nullable String onFailureDestination;

	private @Nullable Integer maximumConcurrency;

	@Convert(converter = JsonListConverter.class)
	private List<String> filterPatterns;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected EventSourceMapping() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.functionId = this.id;
		this.functionName = "";
		this.qualifier = "";
		this.sourceType = SourceType.SQS;
		this.sourceKey = "";
		this.endpoints = List.of();
		this.topics = List.of();
		this.queues = List.of();
		this.filterPatterns = List.of();
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	EventSourceMapping(String namespace, FunctionTarget target, EventSourceMappingSettings settings, Instant now) {
		this();
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.createdAt = now;
		replace(target, settings, now);
	}

	/**
	 * Replaces the target and every setting; the source stays what it was (the caller
	 * checks).
	 */
	void replace(FunctionTarget target, EventSourceMappingSettings settings, Instant now) {
		EventSource source = settings.source();
		this.functionId = target.functionId();
		this.functionName = target.functionName();
		this.qualifier = target.qualifier();
		this.sourceType = source.type();
		this.sourceKey = source.key();
		this.eventSourceArn = source.eventSourceArn();
		this.endpoints = source.endpoints();
		this.topics = source.topics();
		this.queues = source.queues();
		this.enabled = settings.enabled();
		this.batchSize = settings.batchSize();
		this.maximumBatchingWindowSeconds = settings.maximumBatchingWindowSeconds();
		this.startingPosition = settings.startingPosition();
		this.startingPositionTimestamp = settings.startingPositionTimestamp();
		this.reportBatchItemFailures = settings.reportBatchItemFailures();
		this.bisectBatchOnFunctionError = settings.bisectBatchOnFunctionError();
		this.maximumRetryAttempts = settings.maximumRetryAttempts();
		this.maximumRecordAgeSeconds = settings.maximumRecordAgeSeconds();
		this.onFailureDestination = settings.onFailureDestination();
		this.maximumConcurrency = settings.maximumConcurrency();
		this.filterPatterns = settings.filterPatterns();
		this.updatedAt = now;
	}

	/**
	 * What the router needs, for the feed.
	 */
	EventSourceMappingConfig config() {
		return new EventSourceMappingConfig(this.id.toString(), this.namespace, this.functionName, this.qualifier,
				this.sourceType, this.eventSourceArn, this.endpoints, this.topics, this.queues, this.enabled,
				this.batchSize, this.maximumBatchingWindowSeconds, this.startingPosition,
				this.startingPositionTimestamp, this.reportBatchItemFailures, this.bisectBatchOnFunctionError,
				this.maximumRetryAttempts, this.maximumRecordAgeSeconds, this.onFailureDestination,
				this.maximumConcurrency, this.filterPatterns);
	}

	EventSource source() {
		return new EventSource(this.sourceType, this.eventSourceArn, this.endpoints, this.topics, this.queues);
	}

	UUID id() {
		return this.id;
	}

	String namespace() {
		return this.namespace;
	}

	String functionName() {
		return this.functionName;
	}

	long entityVersion() {
		return this.entityVersion;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

}
