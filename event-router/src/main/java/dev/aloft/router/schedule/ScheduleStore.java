package dev.aloft.router.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.aloft.schedule.ScheduleTicks;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tick each schedule fired last, table {@code router.schedule_tick}, and the
 * transaction that fires a tick once.
 */
@Component
class ScheduleStore {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ScheduleStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The tick a schedule fired last, read without a lock.
	 */
	Optional<Instant> lastFired(String scheduleId) {
		return this.jdbc.sql("SELECT last_fired_at FROM schedule_tick WHERE schedule_id = :id")
			.param("id", scheduleId)
			.query((rs, row) -> rs.getObject("last_fired_at", OffsetDateTime.class).toInstant())
			.optional();
	}

	/**
	 * Fires the tick due now, if one is, in one transaction with the record that it
	 * fired: the schedule's row is locked (or, for its first tick, inserted), the due
	 * tick is decided from the row, the action runs (enqueueing joins this transaction),
	 * and the row moves forward. A router that loses a race for a first tick gets a
	 * {@link org.springframework.dao.DuplicateKeyException} and nothing it did is kept.
	 * @param scheduleId the schedule
	 * @param ticks the schedule's ticks
	 * @param now the current time
	 * @param action what firing does
	 * @return the tick fired (or none), and the tick fired last after this
	 */
	Fired fireOnce(String scheduleId, ScheduleTicks ticks, Instant now, TickAction action) {
		Fired fired = this.transactions.execute((status) -> {
			Optional<Instant> last = this.jdbc
				.sql("SELECT last_fired_at FROM schedule_tick WHERE schedule_id = :id FOR UPDATE")
				.param("id", scheduleId)
				.query((rs, row) -> rs.getObject("last_fired_at", OffsetDateTime.class).toInstant())
				.optional();
			Optional<Instant> due = ticks.dueTick(last.orElse(null), now);
			if (due.isEmpty()) {
				return new Fired(null, last.orElse(null), null);
			}
			Instant tick = due.get();
			UUID invocation = action.fire(tick);
			String sql = last.isPresent()
					? "UPDATE schedule_tick SET last_fired_at = :tick, last_invocation = :invocation, "
							+ "updated_at = :now WHERE schedule_id = :id"
					: "INSERT INTO schedule_tick (schedule_id, last_fired_at, last_invocation, updated_at) "
							+ "VALUES (:id, :tick, :invocation, :now)";
			this.jdbc.sql(sql)
				.param("id", scheduleId)
				.param("tick", timestamp(tick))
				.param("invocation", invocation)
				.param("now", timestamp(this.clock.instant()))
				.update();
			return new Fired(tick, tick, invocation);
		});
		if (fired == null) {
			throw new IllegalStateException("The transaction firing schedule " + scheduleId + " returned nothing");
		}
		return fired;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
	}

	/**
	 * What firing a tick does.
	 */
	@FunctionalInterface
	interface TickAction {

		/**
		 * Fires a tick, inside the transaction that records it.
		 * @param tick the tick
		 * @return the invocation enqueued, or null when none was (the function does not
		 * exist: the tick is spent all the same)
		 */
		@Nullable UUID fire(Instant tick);

	}

	/**
	 * The result of a pass at a schedule.
	 *
	 * @param tick the tick fired now, or null
	 * @param lastFired the tick fired last, now, or null when the schedule never fired
	 * @param invocation the invocation the tick enqueued, or null
	 */
	record Fired(@Nullable Instant tick, @Nullable Instant lastFired, @Nullable UUID invocation) {
	}

}
