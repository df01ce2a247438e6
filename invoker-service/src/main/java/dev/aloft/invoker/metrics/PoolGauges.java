package dev.aloft.invoker.metrics;

import dev.aloft.invoker.pool.EnvironmentPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The pool's gauges: {@code aloft.pool.memory.free} (bytes) always, and, once a
 * {@link PoolOccupancy} bean exists, {@code aloft.environments} (by {@code state}),
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
