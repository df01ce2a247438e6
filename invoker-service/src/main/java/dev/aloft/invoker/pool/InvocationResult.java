package dev.aloft.invoker.pool;

import dev.aloft.contracts.invoke.InvocationOutcome;
import org.jspecify.annotations.Nullable;

/**
 * How one invocation ended.
 *
 * @param outcome the outcome
 * @param body the response payload, or the error JSON
 * @param contentType the payload's content type
 * @param errorType the error type when not a success, e.g. {@code Sandbox.Timedout}
 * @param executedVersion the version that ran
 * @param metrics what the invocation cost
 * @param logTail the last 4 KB of its log
 */
public record InvocationResult(InvocationOutcome outcome, byte[] body, String contentType, @Nullable String errorType,
		String executedVersion, InvocationMetrics metrics, byte[] logTail) {

	/**
	 * Whether the function started: a caller may retry elsewhere only when it did not.
	 * @return false for results produced before an environment received the invocation
	 */
	public boolean started() {
		return this.metrics.started();
	}

}
