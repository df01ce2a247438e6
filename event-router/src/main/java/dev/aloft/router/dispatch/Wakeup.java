package dev.aloft.router.dispatch;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes the claim loop early: when work was enqueued on this router, or a dispatch
 * finished and freed a worker. Without a signal the loop polls.
 */
@Component
class Wakeup {

	private final Semaphore signals = new Semaphore(0);

	void signal() {
		if (this.signals.availablePermits() == 0) {
			this.signals.release();
		}
	}

	/**
	 * Waits for a signal, or for the timeout.
	 * @param timeout how long to wait at most
	 * @throws InterruptedException when interrupted while waiting
	 */
	void await(Duration timeout) throws InterruptedException {
		if (this.signals.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			this.signals.drainPermits();
		}
	}

}
