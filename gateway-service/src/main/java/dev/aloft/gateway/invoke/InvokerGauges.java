package dev.aloft.gateway.invoke;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Placement's gauges: {@code aloft.invokers} (configured) and
 * {@code aloft.invokers.healthy} (not set aside), so that an alert can fire before the
 * last invoker goes.
 */
@Component
class InvokerGauges implements MeterBinder {

	private final InvokerClient invokers;

	InvokerGauges(InvokerClient invokers) {
		this.invokers = invokers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("aloft.invokers", this.invokers, (client) -> client.invokers().size())
			.description("Invokers this gateway places invocations on")
			.register(registry);
		Gauge.builder("aloft.invokers.healthy", this.invokers, (client) -> client.healthyInvokers().size())
			.description("Invokers not set aside as unhealthy")
			.register(registry);
	}

}
