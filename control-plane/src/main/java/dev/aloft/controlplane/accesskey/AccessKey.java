package dev.aloft.controlplane.accesskey;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An access key. Its secret is stored sealed with the master key: verifying an AWS
 * Signature V4 needs the secret itself, so a hash would not do.
 */
@Entity
@Table(name = "access_key")
class AccessKey {

	@Id
	private String id;

	private String secretSealed;

	private String description;

	private boolean enabled;

	private Instant createdAt;

	protected AccessKey() {
		this.id = "";
		this.secretSealed = "";
		this.description = "";
		this.createdAt = Instant.EPOCH;
	}

	AccessKey(String id, String secretSealed, String description, Instant createdAt) {
		this.id = id;
		this.secretSealed = secretSealed;
		this.description = description;
		this.enabled = true;
		this.createdAt = createdAt;
	}

	String id() {
		return this.id;
	}

	String secretSealed() {
		return this.secretSealed;
	}

	String description() {
		return this.description;
	}

	boolean enabled() {
		return this.enabled;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
