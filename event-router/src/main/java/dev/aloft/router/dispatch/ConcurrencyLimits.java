package dev.aloft.router.dispatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many invocations of each function with a reserved concurrency this router is
 * running, so that it never runs more than the reservation at once. The count is per
 * router: routers sharing a database each keep their own (see the package documentation).
 */
final class ConcurrencyLimits {

	private final Map<String, Running> running = new HashMap<>();

	/**
	 * Takes a slot for one invocation, if the function is below its limit.
	 * @param functionKey the function
	 * @param limit its reserved concurrency, positive
	 * @return whether a slot was taken; release it with {@link #release(String)}
	 */
	synchronized boolean tryAcquire(String functionKey, int limit) {
		Running current = this.running.computeIfAbsent(functionKey, (key) -> new Running());
		current.limit = limit;
		if (current.count >= limit) {
			return false;
		}
		current.count++;
		return true;
	}

	synchronized void release(String functionKey) {
		Running current = this.running.get(functionKey);
		if (current == null) {
			return;
		}
		current.count--;
		if (current.count <= 0) {
			this.running.remove(functionKey);
		}
	}

	/**
	 * The functions at their limit, whose invocations not to claim now.
	 * @return function keys
	 */
	synchronized Set<String> saturated() {
		Set<String> saturated = new HashSet<>();
		this.running.forEach((key, current) -> {
			if (current.count >= current.limit) {
				saturated.add(key);
			}
		});
		return saturated;
	}

	synchronized int running(String functionKey) {
		Running current = this.running.get(functionKey);
		return (current != null) ? current.count : 0;
	}

	private static final class Running {

		private int count;

		private int limit;

	}

}
