package dev.aloft.invoker.metrics;

import dev.aloft.invoker.pool.EnvironmentPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The pool's gauges: {@code aloft.pool.memory.free} (bytes),
 * {@code aloft.pool.prestarted} (ready pre-started environments, by {@code family}) and
 * the counter {@code aloft.pool.prestarted.takes} (cold starts of a pre-started family
 * and size, by {@code outcome=hit|miss}) always, and, once a {@link PoolOccupancy} bean
 * exists, {@code aloft.environments} (by {@code state}),
 * {@code aloft.invocations.in.flight} and {@code aloft.invocations.queued}.
 */
@Component
class PoolGauges implements MeterBinder {

	private final EnvironmentPool pool;

	private final ObjectProvider<PoolOccupancy> occupancy;

	PoolGauges(EnvironmentPool pool, ObjectProvider<PoolOccupancy> occupancy) {
		this.pool = pool;
		this.occupancy = occupancy;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("aloft.pool.memory.free", this.pool, (pool) -> pool.freeMemoryMb() * 1024.0 * 1024.0)
			.description("Memory the pool can still give to new environments")
			.baseUnit("bytes")
			.register(registry);
		for (String family : this.pool.prestartedFamilies()) {
			Gauge.builder("aloft.pool.prestarted", this.pool, (pool) -> pool.prestartedReady(family))
				.description("Pre-started environments ready for a cold start to take")
				.tag("family", family)
				.register(registry);
		}
		FunctionCounter.builder("aloft.pool.prestarted.takes", this.pool, EnvironmentPool::prestartedHits)
			.description("Cold starts of a pre-started runtime family and memory size, by whether one was ready")
			.tag("outcome", "hit")
			.register(registry);
		FunctionCounter.builder("aloft.pool.prestarted.takes", this.pool, EnvironmentPool::prestartedMisses)
			.description("Cold starts of a pre-started runtime family and memory size, by whether one was ready")
			.tag("outcome", "miss")
			.register(registry);
		this.occupancy.ifAvailable((occupancy) -> bind(occupancy, registry));
	}

	static void bind(PoolOccupancy occupancy, MeterRegistry registry) {
		for (String state : PoolOccupancy.STATES) {
			Gauge.builder("aloft.environments", occupancy, (source) -> source.environments(state))
				.description("Execution environments by state")
				.tag("state", state)
				.register(registry);
		}
		Gauge.builder("aloft.invocations.in.flight", occupancy, PoolOccupancy::inFlightInvocations)
			.description("Invocations running in an environment")
			.register(registry);
		Gauge.builder("aloft.invocations.queued", occupancy, PoolOccupancy::queuedInvocations)
			.description("Invocations waiting for an environment")
			.register(registry);
	}

}
