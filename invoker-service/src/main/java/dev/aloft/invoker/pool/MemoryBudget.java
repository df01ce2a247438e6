package dev.aloft.invoker.pool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all environments of this invoker may use together.
 */
final class MemoryBudget {

	private final long totalMb;

	private final AtomicLong usedMb = new AtomicLong();

	MemoryBudget(long totalMb) {
		this.totalMb = totalMb;
	}

	boolean reserve(long mb) {
		while (true) {
			long used = this.usedMb.get();
			if (used + mb > this.totalMb) {
				return false;
			}
			if (this.usedMb.compareAndSet(used, used + mb)) {
				return true;
			}
		}
	}

	void release(long mb) {
		this.usedMb.addAndGet(-mb);
	}

	long usedMb() {
		return this.usedMb.get();
	}

	long freeMb() {
		return this.totalMb - this.usedMb.get();
	}

}
