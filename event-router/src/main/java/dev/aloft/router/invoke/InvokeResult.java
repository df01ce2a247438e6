package dev.aloft.router.invoke;

import org.jspecify.annotations.Nullable;

/**
 * How an attempt to invoke ended.
 *
 * @param kind what happened, as the retry policy needs to know it
 * @param status the invoker's HTTP status (200 when the function ran), or 0 when no
 * invoker answered
 * @param executedVersion the version that ran, when one did
 * @param errorType the function's error type, when it failed
 * @param body the function's result or error JSON when it ran; empty otherwise
 * @param detail a short description for operators; never the payload
 */
public record InvokeResult(Kind kind, int status, @Nullable String executedVersion, @Nullable String errorType,
		byte[] body, String detail) {

	/**
	 * What happened to an attempt.
	 */
	public enum Kind {

		/** The function ran and returned a result. */
		SUCCESS,

		/**
		 * The function ran and failed: it threw, crashed, timed out or failed to start.
		 * Counts as an attempt.
		 */
		FUNCTION_ERROR,

		/**
		 * The function did not start: every invoker was unreachable, throttled or out of
		 * capacity (429, 503). Retry with back-off.
		 */
		NOT_STARTED,

		/**
		 * The platform failed (5xx, a lost connection, a version the invoker does not
		 * know yet); the function may or may not have run. Retry with back-off.
		 */
		PLATFORM_ERROR,

		/** The invoker refused the invocation for good (another 4xx). */
		REJECTED

	}

}
