package dev.aloft.gateway.invoke;

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
 */
public record InvokeReply(int status, @Nullable InvocationOutcome outcome, @Nullable String errorType,
		@Nullable String executedVersion, @Nullable String logResult, String contentType, byte[] body) {

	/**
	 * Whether the function ran (successfully or not).
	 * @return true when the invoker answered 200
	 */
	public boolean ran() {
		return this.status == 200 && this.outcome != null;
	}

}
