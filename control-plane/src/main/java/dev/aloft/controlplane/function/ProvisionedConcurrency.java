package dev.aloft.controlplane.function;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.ProvisionedConcurrencyConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * How many initialised environments are kept ready for one published version or alias of
 * a function (Lambda's provisioned concurrency configuration).
 */
@Entity
@Table(name = "provisioned_concurrency")
@IdClass(ProvisionedConcurrency.Key.class)
class ProvisionedConcurrency {

	@Id
	private UUID functionId;

	@Id
	private String qualifier;

	private int provisionedConcurrentExecutions;

	private Instant updatedAt;

	protected ProvisionedConcurrency() {
		this.functionId = new UUID(0, 0);
		this.qualifier = "";
		this.updatedAt = Instant.EPOCH;
	}

	ProvisionedConcurrency(UUID functionId, String qualifier) {
		this.functionId = functionId;
		this.qualifier = qualifier;
		this.updatedAt = Instant.EPOCH;
	}

	void provision(int executions, Instant now) {
		this.provisionedConcurrentExecutions = executions;
		this.updatedAt = now;
	}

	/**
	 * What the feed carries.
	 * @param functionVersion the published version the qualifier runs
	 */
	ProvisionedConcurrencyConfig config(String namespace, String functionName, String functionVersion) {
		return new ProvisionedConcurrencyConfig(namespace, functionName, this.qualifier, functionVersion,
				this.provisionedConcurrentExecutions);
	}

	String qualifier() {
		return this.qualifier;
	}

	int provisionedConcurrentExecutions() {
		return this.provisionedConcurrentExecutions;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	/**
	 * The composite identity: function and qualifier.
	 *
	 * @param functionId the function
	 * @param qualifier the version or alias
	 */
	record Key(UUID functionId, String qualifier) implements Serializable {

		Key() {
			this(new UUID(0, 0), "");
		}

	}

}
