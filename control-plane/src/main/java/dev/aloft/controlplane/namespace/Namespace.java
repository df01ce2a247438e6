package dev.aloft.controlplane.namespace;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import dev.aloft.contracts.config.NamespaceConfig;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A namespace: the unit of tenancy that owns functions, routes and triggers.
 */
@Entity
@Table(name = "namespace")
class Namespace {

	@Id
	private String name;

	private Instant createdAt;

	private @Nullable String accountId;

	protected Namespace() {
		this.name = "";
		this.createdAt = Instant.EPOCH;
	}

	Namespace(String name, String accountId, Instant createdAt) {
		this.name = name;
		this.accountId = accountId;
		this.createdAt = createdAt;
	}

	@Nullable String accountId() {
		return this.accountId;
	}

	void accountId(String accountId) {
		this.accountId = accountId;
	}

	NamespaceConfig config() {
		return new NamespaceConfig(this.name, java.util.Objects.requireNonNull(this.accountId));
	}

	String name() {
		return this.name;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
