package dev.aloft.controlplane.function;

import java.time.Instant;

import dev.aloft.contracts.config.EventInvokeConfig;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous invocation settings of one qualifier, for other features (Lambda's
 * {@code FunctionEventInvokeConfig}).
 *
 * @param qualifier the qualifier they apply to
 * @param maximumRetryAttempts retries after a function error
 * @param maximumEventAgeSeconds how long an event may wait
 * @param onSuccessDestination where success records go
 * @param onFailureDestination where failure records go
 * @param updatedAt when they last changed
 */
public record EventInvokeSettingsResponse(String qualifier, int maximumRetryAttempts, int maximumEventAgeSeconds,
		@Nullable String onSuccessDestination, @Nullable String onFailureDestination, Instant updatedAt) {

	static EventInvokeSettingsResponse from(String namespace, String function, EventInvokeSettings settings) {
		EventInvokeConfig config = settings.config(namespace, function);
		return new EventInvokeSettingsResponse(config.qualifier(), config.maximumRetryAttempts(),
				config.maximumEventAgeSeconds(), config.onSuccessDestination(), config.onFailureDestination(),
				settings.updatedAt());
	}

}
