package dev.aloft.controlplane.route;

import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.RouteConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An HTTP route to a function.
 */
@Entity
@Table(name = "route")
class Route {

	@Id
	private UUID id;

	private String namespace;

	private String method;

	private String path;

	/** The path with parameter names removed; unique per method. */
	private String pathShape;

	private String functionName;

	private String qualifier;

	@Version
	private long entityVersion;

	private Instant createdAt;

	protected Route() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.method = "";
		this.path = "";
		this.pathShape = "";
		this.functionName = "";
		this.qualifier = "";
		this.createdAt = Instant.EPOCH;
	}

	Route(String namespace, String method, RouteTemplate template, String functionName, String qualifier, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.method = method;
		this.path = template.path();
		this.pathShape = template.shape();
		this.functionName = functionName;
		this.qualifier = qualifier;
		this.createdAt = now;
	}

	RouteConfig config() {
		return new RouteConfig(this.id.toString(), this.namespace, this.method, this.path, this.functionName,
				this.qualifier);
	}

	UUID id() {
		return this.id;
	}

	String namespace() {
		return this.namespace;
	}

	String method() {
		return this.method;
	}

	String path() {
		return this.path;
	}

	String functionName() {
		return this.functionName;
	}

	String qualifier() {
		return this.qualifier;
	}

	long entityVersion() {
		return this.entityVersion;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
