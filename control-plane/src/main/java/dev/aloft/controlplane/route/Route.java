package dev.aloft.controlplane.route;

import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.contracts.config.RouteConfig;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP route to a function: who may call it, how it answers browsers, and whether the
 * gateway waits for the function.
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

	/** As published: API keys as digests, the HS256 secret sealed. */
	@Convert(converter = RouteJsonColumns.AuthConverter.class)
	private RouteAuth auth;

	@Convert(converter = RouteJsonColumns.CorsConverter.class)
	private FunctionUrlConfig.@Nullable Cors cors;

	@Column(name = "invoke_async")
	private boolean async;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected Route() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.method = "";
		this.path = "";
		this.pathShape = "";
		this.functionName = "";
		this.qualifier = "";
		this.auth = RouteAuth.NONE;
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	/**
	 * A new route in a namespace, with a new identifier; {@link #replace} sets what it
	 * does.
	 */
	Route(String namespace, Instant now) {
		this();
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Replaces everything but the identity.
	 * @param settings what the route does
	 * @param auth the checked auth, its secrets already digested or sealed for this route
	 * @param now the current time
	 */
	void replace(RouteSettings settings, RouteAuth auth, Instant now) {
		this.method = settings.method();
		this.path = settings.template().path();
		this.pathShape = settings.template().shape();
		this.functionName = settings.functionName();
		this.qualifier = settings.qualifier();
		this.auth = auth;
		this.cors = settings.cors();
		this.async = settings.async();
		this.updatedAt = now;
	}

	/**
	 * What the gateway needs, for the feed.
	 */
	RouteConfig config() {
		return new RouteConfig(this.id.toString(), this.namespace, this.method, this.path, this.functionName,
				this.qualifier, this.auth, this.cors, this.async);
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

	String pathShape() {
		return this.pathShape;
	}

	RouteAuth auth() {
		return this.auth;
	}

	FunctionUrlConfig.@Nullable Cors cors() {
		return this.cors;
	}

	boolean async() {
		return this.async;
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
