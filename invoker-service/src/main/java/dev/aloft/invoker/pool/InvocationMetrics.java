package dev.aloft.invoker.pool;

/**
 * What one invocation took and cost.
 *
 * @param started whether an environment received it
 * @param coldStart whether it started a new environment
 * @param initDurationMillis time to initialise the environment (cold starts only)
 * @param queueWaitMillis time between arrival and hand-over to an environment
 * @param durationMillis time from hand-over to the result
 * @param billedDurationMillis duration rounded up to the millisecond, at least 1
 * @param memorySizeMb the configured memory
 * @param maxMemoryUsedMb the peak memory of the environment so far, or -1 if unknown
 */
public record InvocationMetrics(boolean started, boolean coldStart, double initDurationMillis, double queueWaitMillis,
		double durationMillis, long billedDurationMillis, int memorySizeMb, long maxMemoryUsedMb) {

	static InvocationMetrics notStarted(int memorySizeMb, double queueWaitMillis) {
		return new InvocationMetrics(false, false, 0, queueWaitMillis, 0, 0, memorySizeMb, -1);
	}

	/**
	 * GB-seconds: billed duration times memory, the unit Lambda meters in.
	 * @return the GB-seconds
	 */
	public double gigabyteSeconds() {
		return (this.billedDurationMillis / 1000.0) * (this.memorySizeMb / 1024.0);
	}

}
