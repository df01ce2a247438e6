package dev.aloft.gateway.throttle;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running invocation's place within its limit; closing it frees the place (once,
 * however often it is closed).
 */
public final class ConcurrencyPermit implements AutoCloseable {

	private final AtomicInteger inFlight;

	private final AtomicBoolean released = new AtomicBoolean();

	ConcurrencyPermit(AtomicInteger inFlight) {
		this.inFlight = inFlight;
	}

	@Override
	public void close() {
		if (this.released.compareAndSet(false, true)) {
			this.inFlight.decrementAndGet();
		}
	}

}
