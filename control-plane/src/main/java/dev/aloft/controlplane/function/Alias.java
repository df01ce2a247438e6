package dev.aloft.controlplane.function;

import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.AliasConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * An alias: a name for a published version, optionally sending a share of invocations to
 * a second version.
 */
@Entity
@Table(name = "function_alias")
class Alias {

	@Id
	private UUID id;

	private UUID functionId;

	private String name;

	private String functionVersion;

	private @Nullable String additionalVersion;

	private double additionalVersionWeight;

	private String description;

	private UUID revisionId;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected Alias() {
		this.id = new UUID(0, 0);
		this.functionId = this.id;
		this.name = "";
		this.functionVersion = "";
		this.description = "";
		this.revisionId = this.id;
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	Alias(UUID functionId, String name, AliasTarget target, String description, Instant now) {
		this.id = UUID.randomUUID();
		this.functionId = functionId;
		this.name = name;
		this.createdAt = now;
		point(target, description, now);
	}

	void point(AliasTarget target, String description, Instant now) {
		this.functionVersion = target.functionVersion();
		this.additionalVersion = target.additionalVersion();
		this.additionalVersionWeight = target.additionalVersionWeight();
		this.description = description;
		this.revisionId = UUID.randomUUID();
		this.updatedAt = now;
	}

	boolean pointsAt(String version) {
		return this.functionVersion.equals(version) || version.equals(this.additionalVersion);
	}

	AliasConfig config(String namespace, String functionName) {
		return new AliasConfig(namespace, functionName, this.name, this.functionVersion, this.additionalVersion,
				this.additionalVersionWeight, this.revisionId.toString());
	}

	String name() {
		return this.name;
	}

	AliasTarget target() {
		return new AliasTarget(this.functionVersion, this.additionalVersion, this.additionalVersionWeight);
	}

	String description() {
		return this.description;
	}

	UUID revisionId() {
		return this.revisionId;
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
