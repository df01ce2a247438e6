package dev.aloft.invoker.pool;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The warm pool.
 *
 * @param userMemory the memory all environments together may use; the invoker never
 * starts an environment past it
 * @param idleTimeout how long an idle environment is kept warm
 * @param initTimeout how long a new environment may take to ask for its first invocation
 * @param maxQueueWait how long an invocation may wait for an environment before the
 * invoker gives up on it (it has not started, so the caller may try elsewhere)
 * @param maxQueuedPerVersion how many invocations may wait per function version
 * @param drainTimeout how long shutdown waits for running invocations to finish
 * @param maxConcurrentStarts how many environments may start at once; 0 means twice the
 * processors. More starts wait their turn, so each one initialises quickly.
 * @param invokers how many invokers share provisioned concurrency: each keeps
 * {@code ceil(N / invokers)} environments of a version provisioned with N, so together
 * they hold at least N (1: this invoker keeps all N)
 * @param provisionedCheckInterval how often provisioned environments are counted, and
 * dead or missing ones started again (also the least time between restarts of one that
 * keeps failing)
 */
@Validated
@ConfigurationProperties("aloft.invoker.pool")
record PoolProperties(@NotNull @DefaultValue("4GB") DataSize userMemory, @DefaultValue("10m") Duration idleTimeout,
		@DefaultValue("10s") Duration initTimeout, @DefaultValue("10s") Duration maxQueueWait,
		@Positive @DefaultValue("100") int maxQueuedPerVersion, @DefaultValue("30s") Duration drainTimeout,
		@PositiveOrZero @DefaultValue("0") int maxConcurrentStarts, @Positive @DefaultValue("1") int invokers,
		@DefaultValue("1s") Duration provisionedCheckInterval) {

	/**
	 * How many environments may start at once.
	 */
	int concurrentStarts() {
		return (this.maxConcurrentStarts > 0) ? this.maxConcurrentStarts
				: 2 * Runtime.getRuntime().availableProcessors();
	}

	/**
	 * This invoker's share of a version's provisioned concurrency.
	 * @param provisioned the configuration's total
	 */
	int provisionedShare(int provisioned) {
		return (provisioned + this.invokers - 1) / this.invokers;
	}

	PoolProperties {
		if (userMemory.toMegabytes() < 128) {
			throw new IllegalArgumentException("user-memory must hold at least one 128 MB environment");
		}
	}

}
