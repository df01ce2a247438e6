package dev.aloft.controlplane.function;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.EventInvokeConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * How asynchronous invocations of one function qualifier are retried, and where their
 * outcomes go (Lambda's {@code FunctionEventInvokeConfig}).
 */
@Entity
@Table(name = "event_invoke_config")
@IdClass(EventInvokeSettings.Key.class)
class EventInvokeSettings {

	@Id
	private UUID functionId;

	@Id
	private String qualifier;

	private int maximumRetryAttempts;

	private int maximumEventAgeSeconds;

	private @Nullable String onSuccessDestination;

	private @Nullable String onFailureDestination;

	private Instant updatedAt;

	protected EventInvokeSettings() {
		this.functionId = new UUID(0, 0);
		this.qualifier = "";
		this.updatedAt = Instant.EPOCH;
	}

	EventInvokeSettings(UUID functionId, String qualifier) {
		this.functionId = functionId;
		this.qualifier = qualifier;
		this.updatedAt = Instant.EPOCH;
	}

	void replace(EventInvokeRequest request, Instant now) {
		this.maximumRetryAttempts = (request.maximumRetryAttempts() != null) ? request.maximumRetryAttempts()
				: EventInvokeConfig.DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
		this.maximumEventAgeSeconds = (request.maximumEventAgeSeconds() != null) ? request.maximumEventAgeSeconds()
				: EventInvokeConfig.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
		this.onSuccessDestination = request.onSuccessDestination();
		this.onFailureDestination = request.onFailureDestination();
		this.updatedAt = now;
	}

	EventInvokeConfig config(String namespace, String functionName) {
		return new EventInvokeConfig(namespace, functionName, this.qualifier, this.maximumRetryAttempts,
				this.maximumEventAgeSeconds, this.onSuccessDestination, this.onFailureDestination);
	}

	String qualifier() {
		return this.qualifier;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	/**
	 * The composite identity: function and qualifier.
	 *
	 * @param functionId the function
	 * @param qualifier the qualifier
	 */
	record Key(UUID functionId, String qualifier) implements Serializable {

		Key() {
			this(new UUID(0, 0), "");
		}

	}

}
