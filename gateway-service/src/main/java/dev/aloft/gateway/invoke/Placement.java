package dev.aloft.gateway.invoke;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the invoker for the next attempt of a call (issue 5, point 7):
 * <ol>
 * <li>only healthy invokers, as long as one exists; when none does, the unhealthy ones
 * still get one attempt each, since refusing outright could only fail;</li>
 * <li>among those, one that holds idle warm environments of the version, the least busy
 * first;</li>
 * <li>otherwise (a cold start) the least busy, counting this gateway's calls in flight,
 * with ties taken in turn from a per-call starting point so that cold starts spread.</li>
 * </ol>
 * It allocates nothing: the invokers already tried are bits of a {@code long}.
 */
final class Placement {

	private final InvokerTarget[] targets;

	Placement(List<InvokerTarget> targets) {
		this.targets = targets.toArray(InvokerTarget[]::new);
	}

	/**
	 * The invoker for the next attempt.
	 * @param warmth what is known of the version's warm environments, or null
	 * @param tried the invokers this call already tried, one bit per index
	 * @param start where this call starts looking among equals
	 * @param nowNanos the time
	 * @return the invoker, or null when no invoker is left to try
	 */
	@Nullable InvokerTarget pick(WarmthTable.@Nullable Version warmth, long tried, int start, long nowNanos) {
		boolean healthyOnly = anyHealthy();
		InvokerTarget warmest = null;
		InvokerTarget leastBusy = null;
		int n = this.targets.length;
		for (int i = 0; i < n; i++) {
			InvokerTarget target = this.targets[(start + i) % n];
			if ((tried & (1L << target.index())) != 0 || (healthyOnly && !target.healthy())) {
				continue;
			}
			if (leastBusy == null || target.inFlight() < leastBusy.inFlight()) {
				leastBusy = target;
			}
			if (warmth != null && warmth.idle(target.index(), nowNanos) > 0
					&& (warmest == null || target.inFlight() < warmest.inFlight())) {
				warmest = target;
			}
		}
		return (warmest != null) ? warmest : leastBusy;
	}

	private boolean anyHealthy() {
		for (InvokerTarget target : this.targets) {
			if (target.healthy()) {
				return true;
			}
		}
		return false;
	}

}
