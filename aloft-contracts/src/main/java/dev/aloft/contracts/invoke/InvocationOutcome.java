package dev.aloft.contracts.invoke;

/**
 * How an invocation ended, in the four categories OpenWhisk uses. Function outcomes are
 * data, not platform errors.
 */
public enum InvocationOutcome {

	/** The handler returned a result. */
	SUCCESS,

	/**
	 * The handler reported an error: it threw, or its runtime posted to {@code /error}.
	 */
	FUNCTION_ERROR,

	/**
	 * The function could not finish: timeout, crash, out of memory, failed
	 * initialisation.
	 */
	FUNCTION_FAILURE,

	/** Aloft itself failed; the function may not have run. */
	PLATFORM_ERROR

}
