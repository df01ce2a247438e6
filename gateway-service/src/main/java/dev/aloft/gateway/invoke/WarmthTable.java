package dev.aloft.gateway.invoke;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

/**
 * What each invoker last said about its idle warm environments of each version, learnt
 * from the {@link InvokerClient#WARM_ENVIRONMENTS} header on its answers, so that placing
 * a call costs no extra round trip.
 * <p>
 * Keyed by the version's configuration itself: it changes when {@code $LATEST} changes,
 * as the invoker's pool key does, and the lookup allocates nothing. The table is bounded:
 * past {@code maxVersions} it starts over, which only costs some placements their warm
 * hint until the next answers.
 */
final class WarmthTable {

	private final Map<FunctionVersionConfig, Version> versions = new ConcurrentHashMap<>();

	private final int invokers;

	private final long ttlNanos;

	private final int maxVersions;

	WarmthTable(int invokers, long ttlNanos, int maxVersions) {
		this.invokers = invokers;
		this.ttlNanos = ttlNanos;
		this.maxVersions = maxVersions;
	}

	/**
	 * What is known of a version, if anything.
	 * @param function the version
	 * @return its entry, or null when no invoker said it holds warm environments of it
	 */
	@Nullable Version of(FunctionVersionConfig function) {
		return this.versions.get(function);
	}

	/**
	 * Records what an invoker said.
	 * @param function the version
	 * @param invoker the invoker's index
	 * @param idle its idle warm environments of the version
	 * @param nowNanos the time
	 */
	void record(FunctionVersionConfig function, int invoker, int idle, long nowNanos) {
		Version version = this.versions.get(function);
		if (version == null) {
			if (idle <= 0) {
				return;
			}
			if (this.versions.size() >= this.maxVersions) {
				this.versions.clear();
			}
			version = this.versions.computeIfAbsent(function, (key) -> new Version(this.invokers, this.ttlNanos));
		}
		version.set(invoker, idle, nowNanos);
	}

	/**
	 * The idle warm environments of one version on each invoker. A count that came with
	 * an answer is trusted for the table's time to live; a call placed on a warm invoker
	 * takes one off at once, so that a burst spills to other invokers instead of queueing
	 * behind environments that are already busy.
	 */
	static final class Version {

		private final AtomicIntegerArray idle;

		private final AtomicLongArray seenAtNanos;

		private final long ttlNanos;

		Version(int invokers, long ttlNanos) {
			this.idle = new AtomicIntegerArray(invokers);
			this.seenAtNanos = new AtomicLongArray(invokers);
			this.ttlNanos = ttlNanos;
		}

		int idle(int invoker, long nowNanos) {
			int count = this.idle.get(invoker);
			return (count > 0 && nowNanos - this.seenAtNanos.get(invoker) < this.ttlNanos) ? count : 0;
		}

		void taken(int invoker) {
			this.idle.getAndUpdate(invoker, (count) -> Math.max(0, count - 1));
		}

		void set(int invoker, int idle, long nowNanos) {
			this.seenAtNanos.set(invoker, nowNanos);
			this.idle.set(invoker, Math.max(0, idle));
		}

	}

}
