package dev.aloft.gateway.throttle;

/**
 * An invocation would take a function or its namespace past its concurrency limit: it is
 * throttled, not run.
 */
public class ConcurrencyLimitExceededException extends Exception {

	private final boolean reservedLimit;

	ConcurrencyLimitExceededException(String message, boolean reservedLimit) {
		super(message, null, false, false);
		this.reservedLimit = reservedLimit;
	}

	/**
	 * Whether the limit is the function's reserved concurrency (rather than its
	 * namespace's unreserved concurrency); Lambda names the two differently.
	 * @return true for a reservation
	 */
	public boolean reservedLimit() {
		return this.reservedLimit;
	}

}
