package dev.aloft.invoker.pool;

import org.jspecify.annotations.Nullable;

/**
 * What an environment receives from {@code /next}: the event and the headers that
 * describe it.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineEpochMillis {@code Lambda-Runtime-Deadline-Ms}
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId {@code Lambda-Runtime-Trace-Id}, if any
 * @param clientContext {@code Lambda-Runtime-Client-Context}, if any
 * @param contentType the event's content type
 * @param payload the event
 */
public record NextInvocation(String requestId, long deadlineEpochMillis, String invokedFunctionArn,
		@Nullable String traceId, @Nullable String clientContext, String contentType, byte[] payload) {

}
