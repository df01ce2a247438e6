package dev.aloft.invoker.pool;

import org.jspecify.annotations.Nullable;

/**
 * An invocation to run.
 *
 * @param requestId the Lambda request id
 * @param payload the event
 * @param contentType the event's content type
 * @param invokedFunctionArn the ARN the caller used
 * @param traceId the trace header, if any
 * @param clientContext the client context JSON, if any
 * @param wantsLogTail whether the caller asked for the log tail
 * @param trigger what triggered it ({@code http}, {@code invoke-api}, {@code event}...),
 * for records
 * @param responseStream where a streamed response goes as it is written, when the caller
 * can take one; null to gather it
 */
public record InvocationRequest(String requestId, byte[] payload, String contentType, String invokedFunctionArn,
		@Nullable String traceId, @Nullable String clientContext, boolean wantsLogTail, String trigger,
		@Nullable ResponseStream responseStream) {

	/**
	 * An invocation whose response is gathered, streamed or not.
	 * @param requestId the Lambda request id
	 * @param payload the event
	 * @param contentType the event's content type
	 * @param invokedFunctionArn the ARN the caller used
	 * @param traceId the trace header, if any
	 * @param clientContext the client context JSON, if any
	 * @param wantsLogTail whether the caller asked for the log tail
	 * @param trigger what triggered it, for records
	 */
	public InvocationRequest(String requestId, byte[] payload, String contentType, String invokedFunctionArn,
			@Nullable String traceId, @Nullable String clientContext, boolean wantsLogTail, String trigger) {
		this(requestId, payload, contentType, invokedFunctionArn, traceId, clientContext, wantsLogTail, trigger, null);
	}

	/**
	 * An invocation whose trigger is unknown.
	 * @param requestId the Lambda request id
	 * @param payload the event
	 * @param contentType the event's content type
	 * @param invokedFunctionArn the ARN the caller used
	 * @param traceId the trace header, if any
	 * @param clientContext the client context JSON, if any
	 * @param wantsLogTail whether the caller asked for the log tail
	 */
	public InvocationRequest(String requestId, byte[] payload, String contentType, String invokedFunctionArn,
			@Nullable String traceId, @Nullable String clientContext, boolean wantsLogTail) {
		this(requestId, payload, contentType, invokedFunctionArn, traceId, clientContext, wantsLogTail, "unknown");
	}

}
