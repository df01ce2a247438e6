package dev.aloft.gateway.invoke;

import java.nio.charset.StandardCharsets;

import dev.aloft.contracts.invoke.InvocationOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What came back from placing an invocation.
 *
 * @param status the invoker's HTTP status: 200 when the function ran, otherwise a
 * platform problem
 * @param outcome how the function ended, when it ran
 * @param errorType the error type, when not a success
 * @param executedVersion the version that ran
 * @param logResult base64 log tail, when asked for
 * @param contentType the body's content type
 * @param body the result, error JSON, or problem
 * @param streamed whether the response was streamed to the caller already (its body then
 * is empty)
 */
public record InvokeReply(int status, @Nullable InvocationOutcome outcome, @Nullable String errorType,
		@Nullable String executedVersion, @Nullable String logResult, String contentType, byte[] body,
		boolean streamed) {

	/**
	 * A reply whose body is still to be written.
	 * @param status the invoker's HTTP status
	 * @param outcome how the function ended, when it ran
	 * @param errorType the error type, when not a success
	 * @param executedVersion the version that ran
	 * @param logResult base64 log tail, when asked for
	 * @param contentType the body's content type
	 * @param body the result, error JSON, or problem
	 */
	public InvokeReply(int status, @Nullable InvocationOutcome outcome, @Nullable String errorType,
			@Nullable String executedVersion, @Nullable String logResult, String contentType, byte[] body) {
		this(status, outcome, errorType, executedVersion, logResult, contentType, body, false);
	}

	/**
	 * The reply after a response was streamed to the caller.
	 * @param executedVersion the version that ran
	 * @param complete whether the stream ended as the function meant it to
	 * @return the reply
	 */
	static InvokeReply streamed(@Nullable String executedVersion, boolean complete) {
		return new InvokeReply(200, complete ? InvocationOutcome.SUCCESS : InvocationOutcome.FUNCTION_ERROR, null,
				executedVersion, null, "application/octet-stream", new byte[0], true);
	}

	/**
	 * Whether the function ran (successfully or not).
	 * @return true when the invoker answered 200
	 */
	public boolean ran() {
		return this.status == 200 && this.outcome != null;
	}

	/**
	 * The answer when the connection to the invoker broke during the invocation: the
	 * function may have run, so this is neither a result nor a "no capacity" the caller
	 * may retry elsewhere at once.
	 * @return the reply, a 502
	 */
	static InvokeReply invokerLost() {
		return new InvokeReply(502, null, InvokerClient.LOST_INVOKER, null, null, "text/plain",
				"The invoker failed while running the invocation".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Whether the invoker was lost during the invocation (see {@link #invokerLost()}).
	 * Every caller-facing mapping checks this before the status, which a lost invoker
	 * shares with an environment that could not start.
	 * @return true when it was
	 */
	public boolean isInvokerLost() {
		return InvokerClient.LOST_INVOKER.equals(this.errorType) && this.outcome == null;
	}

}
