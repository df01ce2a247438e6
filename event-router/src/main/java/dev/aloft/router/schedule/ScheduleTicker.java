package dev.aloft.router.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.aloft.contracts.config.ScheduleConfig;
import dev.aloft.problems.PlatformException;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.dispatch.AsyncInvocations;
import dev.aloft.router.dispatch.EnqueueRequest;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.schedule.ScheduleStore.Fired;
import dev.aloft.schedule.ScheduleContext;
import dev.aloft.schedule.ScheduleExpression;
import dev.aloft.schedule.ScheduleTicks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * One pass over the schedules: fires every tick that is due, each once. It remembers the
 * tick each schedule fired last, so that a pass touches the database only for schedules
 * with a tick due; the database decides (see {@link ScheduleStore}).
 * <p>
 * Metric {@code aloft.events.schedule.ticks} ({@code outcome}: {@code enqueued},
 * {@code function_not_found}, {@code rejected}) counts the ticks this router fired.
 */
@Component
class ScheduleTicker {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleTicker.class);

	private final FunctionCatalog catalog;

	private final AsyncInvocations invocations;

	private final ScheduleStore store;

	private final ScheduledEvents events;

	private final MeterRegistry registry;

	private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

	/** Schedules whose expression or zone this router cannot read, reported once. */
	private final Map<String, ScheduleConfig> unreadable = new ConcurrentHashMap<>();

	ScheduleTicker(FunctionCatalog catalog, AsyncInvocations invocations, ScheduleStore store, ScheduledEvents events,
			MeterRegistry registry) {
		this.catalog = catalog;
		this.invocations = invocations;
		this.store = store;
		this.events = events;
		this.registry = registry;
	}

	/**
	 * Fires every tick due at {@code now}.
	 * @param now the current time
	 * @return the next tick of any schedule after {@code now}, or empty when none will
	 * fire again (or the configuration is not loaded yet)
	 */
	Optional<Instant> fireDue(Instant now) {
		if (this.catalog.revision() < 0) {
			return Optional.empty();
		}
		Set<String> seen = new HashSet<>();
		Instant next = null;
		for (ScheduleConfig schedule : this.catalog.schedules()) {
			if (!schedule.enabled()) {
				continue;
			}
			seen.add(schedule.id());
			Tracked current = track(schedule);
			if (current == null) {
				continue;
			}
			if (current.ticks.dueTick(current.lastFired, now).isPresent()) {
				fire(schedule, current, now);
			}
			Instant following = current.ticks.nextAfter(now).orElse(null);
			if (following != null && (next == null || following.isBefore(next))) {
				next = following;
			}
		}
		this.tracked.keySet().retainAll(seen);
		this.unreadable.keySet().retainAll(seen);
		return Optional.ofNullable(next);
	}

	private void fire(ScheduleConfig schedule, Tracked current, Instant now) {
		try {
			Fired fired = this.store.fireOnce(schedule.id(), current.ticks, now, (tick) -> enqueue(schedule, tick));
			current.lastFired = fired.lastFired();
			if (fired.tick() != null) {
				logger.debug("Schedule {}/{} fired its tick {} as {}", schedule.namespace(), schedule.name(),
						fired.tick(), fired.invocation());
			}
		}
		catch (DuplicateKeyException ex) {
			// Another router fired this schedule's first tick at the same moment.
			current.lastFired = this.store.lastFired(schedule.id()).orElse(null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not fire schedule {}/{}; trying again on the next pass: {}", schedule.namespace(),
					schedule.name(), ex.toString());
		}
	}

	private @Nullable UUID enqueue(ScheduleConfig schedule, Instant tick) {
		EnqueueRequest request = new EnqueueRequest(schedule.namespace(), schedule.functionName(), schedule.qualifier(),
				EventSource.SCHEDULE, null, this.events.payload(schedule, tick), -1);
		try {
			UUID id = this.invocations.enqueue(request).invocationId();
			count("enqueued");
			return id;
		}
		catch (PlatformException ex) {
			if (ex.getStatusCode().is5xxServerError()) {
				// The router cannot tell yet whether the function exists: not spent.
				throw ex;
			}
			// Spent, as EventBridge spends a tick whose target is gone.
			logger.warn("Schedule {}/{} fired its tick {} but nothing was invoked: {}", schedule.namespace(),
					schedule.name(), tick, ex.getBody().getDetail());
			count((ex.getStatusCode().value() == 404) ? "function_not_found" : "rejected");
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while firing schedule " + schedule.id(), ex);
		}
	}

	private @Nullable Tracked track(ScheduleConfig schedule) {
		Tracked current = this.tracked.get(schedule.id());
		if (current != null && current.schedule.equals(schedule)) {
			return current;
		}
		try {
			ScheduleExpression expression = ScheduleExpression.parse(schedule.expression());
			ScheduleContext context = new ScheduleContext(ZoneId.of(schedule.timeZone()),
					Instant.ofEpochMilli(schedule.createdAtEpochMillis()));
			Tracked fresh = new Tracked(schedule, new ScheduleTicks(expression, context),
					this.store.lastFired(schedule.id()).orElse(null));
			this.tracked.put(schedule.id(), fresh);
			return fresh;
		}
		catch (RuntimeException ex) {
			if (!schedule.equals(this.unreadable.put(schedule.id(), schedule))) {
				logger.warn("Schedule {}/{} cannot be fired: {}", schedule.namespace(), schedule.name(), ex.toString());
			}
			return null;
		}
	}

	private void count(String outcome) {
		Counter.builder("aloft.events.schedule.ticks")
			.description("Schedule ticks fired")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	/**
	 * A schedule as last seen, with the tick it fired last as far as this router knows.
	 */
	private static final class Tracked {

		private final ScheduleConfig schedule;

		private final ScheduleTicks ticks;

		private volatile @Nullable Instant lastFired;

		Tracked(ScheduleConfig schedule, ScheduleTicks ticks, @Nullable Instant lastFired) {
			this.schedule = schedule;
			this.ticks = ticks;
			this.lastFired = lastFired;
		}

	}

}
