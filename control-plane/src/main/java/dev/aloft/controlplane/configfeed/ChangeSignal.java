package dev.aloft.controlplane.configfeed;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes long-polling followers when a change commits in this process. Changes committed
 * by another control-plane replica are seen by the followers' periodic re-check instead.
 * <p>
 * When the control plane stops, it releases every waiting long-poll at once (its
 * lifecycle stops before the web server's graceful shutdown, which would otherwise wait
 * for them).
 */
@Component
class ChangeSignal implements SmartLifecycle {

	private long generation;

	private boolean open;

	synchronized long generation() {
		return this.generation;
	}

	synchronized void signal() {
		this.generation++;
		notifyAll();
	}

	/**
	 * Waits until a change is signalled after {@code generation}, the time passes, or the
	 * control plane stops.
	 */
	synchronized void awaitChangeAfter(long generation, long millis) throws InterruptedException {
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (this.open && this.generation == generation) {
			long remaining = (deadline - System.nanoTime()) / 1_000_000;
			if (remaining <= 0) {
				return;
			}
			wait(remaining);
		}
	}

	@Override
	public synchronized void start() {
		this.open = true;
	}

	@Override
	public synchronized void stop() {
		this.open = false;
		notifyAll();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.open;
	}

}
