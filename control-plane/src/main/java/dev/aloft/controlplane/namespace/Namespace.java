package dev.aloft.controlplane.namespace;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A namespace: the unit of tenancy that owns functions, routes and triggers.
 */
@Entity
@Table(name = "namespace")
class Namespace {

	@Id
	private String name;

	private Instant createdAt;

	protected Namespace() {
		this.name = "";
		this.createdAt = Instant.EPOCH;
	}

	Namespace(String name, Instant createdAt) {
		this.name = name;
		this.createdAt = createdAt;
	}

	String name() {
		return this.name;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
