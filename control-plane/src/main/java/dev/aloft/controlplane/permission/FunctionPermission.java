package dev.aloft.controlplane.permission;

import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionPermissionConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a function's resource policy: an access key may invoke the function
 * (at one qualifier, or at any). Statements are never changed, only added and removed.
 */
@Entity
@Table(name = "function_permission")
class FunctionPermission {

	@Id
	private UUID id;

	private String namespace;

	private UUID functionId;

	private String functionName;

	private String statementId;

	private String accessKeyId;

	private @Nullable String qualifier;

	private Instant createdAt;

	protected FunctionPermission() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.functionId = this.id;
		this.functionName = "";
		this.statementId = "";
		this.accessKeyId = "";
		this.createdAt = Instant.EPOCH;
	}

	FunctionPermission(FunctionTarget function, String statementId, String accessKeyId, @Nullable String qualifier,
			Instant now) {
		this();
		this.id = UUID.randomUUID();
		this.namespace = function.namespace();
		this.functionId = function.id();
		this.functionName = function.name();
		this.statementId = statementId;
		this.accessKeyId = accessKeyId;
		this.qualifier = qualifier;
		this.createdAt = now;
	}

	/**
	 * What the gateway needs, for the feed.
	 */
	FunctionPermissionConfig config() {
		return new FunctionPermissionConfig(this.namespace, this.functionName, this.statementId, this.accessKeyId,
				this.qualifier);
	}

	String namespace() {
		return this.namespace;
	}

	String functionName() {
		return this.functionName;
	}

	String statementId() {
		return this.statementId;
	}

	String accessKeyId() {
		return this.accessKeyId;
	}

	@Nullable String qualifier() {
		return this.qualifier;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
