package dev.aloft.gateway.invoke;

import org.jspecify.annotations.Nullable;

/**
 * One synchronous invocation to place on an invoker.
 *
 * @param requestId the Lambda request id
 * @param payload the event
 * @param contentType the event's content type
 * @param invokedFunctionArn the ARN the caller used
 * @param traceId the trace header, if any
 * @param clientContext client context JSON, if any
 * @param logTail whether to ask for the log tail
 * @param trigger what triggered it, for records and metrics
 */
public record InvokeCall(String requestId, byte[] payload, String contentType, String invokedFunctionArn,
		@Nullable String traceId, @Nullable String clientContext, boolean logTail, String trigger) {

}
