package dev.aloft.controlplane.configfeed;

import org.springframework.stereotype.Component;

/**
 * Wakes long-polling followers when a change commits in this process. Changes committed
 * by another control-plane replica are seen by the followers' periodic re-check instead.
 */
@Component
class ChangeSignal {

	private long generation;

	synchronized long generation() {
		return this.generation;
	}

	synchronized void signal() {
		this.generation++;
		notifyAll();
	}

	/**
	 * Waits until a change is signalled after {@code generation}, or the time passes.
	 */
	synchronized void awaitChangeAfter(long generation, long millis) throws InterruptedException {
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (this.generation == generation) {
			long remaining = (deadline - System.nanoTime()) / 1_000_000;
			if (remaining <= 0) {
				return;
			}
			wait(remaining);
		}
	}

}
