package dev.aloft.router.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.aloft.router.invoke.InvokeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The queue's metrics. Tags are closed sets (sources, outcomes, reasons); ids never
 * become tags.
 * <ul>
 * <li>{@code aloft.events.queue.depth}: events waiting or being dispatched;</li>
 * <li>{@code aloft.events.queue.oldest.age}: seconds since the oldest of them was
 * accepted;</li>
 * <li>{@code aloft.events.dead.letters.stored}: rows in the dead-letter store;</li>
 * <li>{@code aloft.events.enqueued} ({@code source}): events accepted;</li>
 * <li>{@code aloft.events.dispatched} ({@code source}, {@code outcome}): attempts to
 * invoke, by how they ended;</li>
 * <li>{@code aloft.events.retries} ({@code cause}): attempts scheduled again;</li>
 * <li>{@code aloft.events.dead.letters} ({@code reason}): rows dead-lettered;</li>
 * <li>{@code aloft.events.destination.deliveries} ({@code type}, {@code outcome}):
 * destination records delivered, retried or failed.</li>
 * </ul>
 * The gauges come from the database, refreshed by {@link QueueMonitor}, so they count the
 * rows of every router sharing it.
 */
@Component
class DispatchMetrics {

	private final MeterRegistry registry;

	private final Clock clock;

	private volatile QueueStats stats = new QueueStats(0, null, 0);

	DispatchMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		Gauge.builder("aloft.events.queue.depth", this, (metrics) -> metrics.stats.depth())
			.description("Events waiting or being dispatched")
			.register(registry);
		Gauge.builder("aloft.events.queue.oldest.age", this, DispatchMetrics::oldestAgeSeconds)
			.description("Age of the oldest event waiting or being dispatched")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("aloft.events.dead.letters.stored", this, (metrics) -> metrics.stats.deadLetters())
			.description("Rows in the dead-letter store")
			.register(registry);
	}

	void update(QueueStats stats) {
		this.stats = stats;
	}

	void enqueued(EventSource source) {
		Counter.builder("aloft.events.enqueued")
			.description("Events accepted into the queue")
			.tag("source", source.value())
			.register(this.registry)
			.increment();
	}

	void dispatched(EventSource source, InvokeResult.Kind outcome) {
		Counter.builder("aloft.events.dispatched")
			.description("Attempts to invoke a function with a queued event")
			.tag("source", source.value())
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	void retried(String cause) {
		Counter.builder("aloft.events.retries")
			.description("Attempts scheduled again")
			.tag("cause", cause)
			.register(this.registry)
			.increment();
	}

	void deadLettered(DeadLetterReason reason) {
		Counter.builder("aloft.events.dead.letters")
			.description("Rows moved to the dead-letter store")
			.tag("reason", reason.value())
			.register(this.registry)
			.increment();
	}

	void delivery(String type, String outcome) {
		Counter.builder("aloft.events.destination.deliveries")
			.description("Destination records delivered, retried or failed")
			.tag("type", type)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private double oldestAgeSeconds() {
		Instant oldest = this.stats.oldestEnqueuedAt();
		if (oldest == null) {
			return 0;
		}
		Duration age = Duration.between(oldest, this.clock.instant());
		return Math.max(0, age.toMillis() / 1000.0);
	}

}
