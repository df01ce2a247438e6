package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.ScheduleConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A schedule: the router invokes a function at each tick of an expression.
 */
@Entity
@Table(name = "function_schedule")
class Schedule {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	private UUID functionId;

	private String functionName;

	private String qualifier;

	private String expression;

	private String timeZone;

	private @Nullable String input;

	private boolean enabled;

	@Version
	private long entityVersion;

	private Instant createdAt;

	private Instant updatedAt;

	protected Schedule() {
		this.id = new UUID(0, 0);
		this.namespace = "";
		this.name = "";
		this.functionId = this.id;
		this.functionName = "";
		this.qualifier = "";
		this.expression = "";
		this.timeZone = "";
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	Schedule(String namespace, String name, FunctionTarget target, ScheduleSettings settings, Instant now) {
		this();
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.createdAt = now;
		replace(name, target, settings, now);
	}

	void replace(String name, FunctionTarget target, ScheduleSettings settings, Instant now) {
		this.name = name;
		this.functionId = target.functionId();
		this.functionName = target.functionName();
		this.qualifier = target.qualifier();
		this.expression = settings.expression();
		this.timeZone = settings.timeZone();
		this.input = settings.input();
		this.enabled = settings.enabled();
		this.updatedAt = now;
	}

	/**
	 * What the router needs, for the feed. The creation time anchors a {@code rate}
	 * schedule's ticks.
	 */
	ScheduleConfig config() {
		return new ScheduleConfig(this.id.toString(), this.namespace, this.name, this.functionName, this.qualifier,
				this.expression, this.timeZone, this.input, this.enabled, this.createdAt.toEpochMilli());
	}

	UUID id() {
		return this.id;
	}

	String namespace() {
		return this.namespace;
	}

	String name() {
		return this.name;
	}

	String functionName() {
		return this.functionName;
	}

	String qualifier() {
		return this.qualifier;
	}

	String expression() {
		return this.expression;
	}

	String timeZone() {
		return this.timeZone;
	}

	@Nullable String input() {
		return this.input;
	}

	boolean enabled() {
		return this.enabled;
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
