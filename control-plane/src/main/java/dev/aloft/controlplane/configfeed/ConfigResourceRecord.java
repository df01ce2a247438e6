package dev.aloft.controlplane.configfeed;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The latest state of one resource on the feed: its JSON, or a tombstone (null payload)
 * once deleted, at the revision it was written.
 */
@Entity
@Table(name = "config_resource")
class ConfigResourceRecord {

	@Id
	private String id;

	private String kind;

	@Column(name = "resource_key")
	private String resourceKey;

	private long revision;

	private @Nullable String payload;

	protected ConfigResourceRecord() {
		this.id = "";
		this.kind = "";
		this.resourceKey = "";
	}

	ConfigResourceRecord(String kind, String resourceKey, long revision, @Nullable String payload) {
		this.id = kind + ":" + resourceKey;
		this.kind = kind;
		this.resourceKey = resourceKey;
		this.revision = revision;
		this.payload = payload;
	}

	String kind() {
		return this.kind;
	}

	String resourceKey() {
		return this.resourceKey;
	}

	long revision() {
		return this.revision;
	}

	@Nullable String payload() {
		return this.payload;
	}

	void update(long revision, @Nullable String payload) {
		this.revision = revision;
		this.payload = payload;
	}

}
