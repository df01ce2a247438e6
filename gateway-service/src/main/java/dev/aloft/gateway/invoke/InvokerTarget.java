package dev.aloft.gateway.invoke;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One invoker as this gateway sees it: how many of its calls are running there, and
 * whether it is healthy. The hot path only reads the volatile flag and moves the counter;
 * health changes are rare and take the lock.
 */
final class InvokerTarget {

	private final int index;

	private final URI uri;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean healthy = true;

	/** Guarded by {@code this}: the current back-off, zero while healthy. */
	private long backoffNanos;

	/** Guarded by {@code this}: when the next probe is due, while unhealthy. */
	private long probeAtNanos;

	InvokerTarget(int index, URI uri) {
		this.index = index;
		this.uri = uri;
	}

	int index() {
		return this.index;
	}

	URI uri() {
		return this.uri;
	}

	boolean healthy() {
		return this.healthy;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	void started() {
		this.inFlight.incrementAndGet();
	}

	void ended() {
		this.inFlight.decrementAndGet();
	}

	/**
	 * Sets the invoker aside until a probe finds it ready, with a back-off that doubles
	 * on each failure in a row.
	 * @param nowNanos the time
	 * @param minBackoffNanos the first back-off
	 * @param maxBackoffNanos the longest back-off
	 * @return whether it was healthy until now
	 */
	synchronized boolean markUnhealthy(long nowNanos, long minBackoffNanos, long maxBackoffNanos) {
		boolean wasHealthy = this.healthy;
		this.backoffNanos = (this.backoffNanos == 0) ? minBackoffNanos
				: Math.min(maxBackoffNanos, this.backoffNanos * 2);
		this.probeAtNanos = nowNanos + this.backoffNanos;
		this.healthy = false;
		return wasHealthy;
	}

	/**
	 * Brings the invoker back.
	 * @return whether it was unhealthy until now
	 */
	synchronized boolean markHealthy() {
		boolean wasUnhealthy = !this.healthy;
		this.healthy = true;
		this.backoffNanos = 0;
		return wasUnhealthy;
	}

	synchronized boolean probeDue(long nowNanos) {
		return !this.healthy && nowNanos - this.probeAtNanos >= 0;
	}

	@Override
	public String toString() {
		return this.uri.toString();
	}

}
