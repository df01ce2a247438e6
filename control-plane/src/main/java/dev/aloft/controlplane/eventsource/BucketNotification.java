package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.config.BucketNotificationConfig;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A bucket notification: object events of a bucket invoke a function.
 */
@Entity
@Table(name = "bucket_notification")
class BucketNotification {

	@Id
	private UUID id;

	private String namespace;

	private String bucket;

	private UUID functionId;

	private String functionName;

	private String qualifier;

	@Convert(converter = JsonListConverter.class)
	private List<String> events;

	private @Nullable String prefix;

	private @Nullable String suffix;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected BucketNotification() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.bucket = "";
		this.functionId = this.id;
		this.functionName = "";
		this.qualifier = "";
		this.events = List.of();
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	BucketNotification(String namespace, FunctionTarget target, BucketNotificationSettings settings, Instant now) {
		this();
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.createdAt = now;
		replace(target, settings, now);
	}

	void replace(FunctionTarget target, BucketNotificationSettings settings, Instant now) {
		this.bucket = settings.bucket();
		this.functionId = target.functionId();
		this.functionName = target.functionName();
		this.qualifier = target.qualifier();
		this.events = settings.events();
		this.prefix = settings.prefix();
		this.suffix = settings.suffix();
		this.updatedAt = now;
	}

	/**
	 * What the router needs, for the feed.
	 */
	BucketNotificationConfig config() {
		return new BucketNotificationConfig(this.id.toString(), this.namespace, this.bucket, this.functionName,
				this.qualifier, this.events, this.prefix, this.suffix);
	}

	BucketNotificationSettings settings() {
		return new BucketNotificationSettings(this.bucket, this.events, this.prefix, this.suffix);
	}

	UUID id() {
		return this.id;
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
