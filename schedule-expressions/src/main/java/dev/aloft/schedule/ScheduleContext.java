package dev.aloft.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Where and since when a schedule runs: what an expression needs besides its own text to
 * say when it fires.
 *
 * @param zone the time zone in which {@code cron} and {@code at} expressions are read
 * (EventBridge Scheduler's {@code ScheduleExpressionTimezone}); {@code rate} ignores it
 * @param start when the schedule begins (EventBridge Scheduler's {@code StartDate}, or
 * the schedule's creation time when none is given). A {@code rate} schedule's ticks are
 * {@code start + k * period} for k = 0, 1, 2, ...; a {@code cron} schedule never fires
 * before it. {@code at} ignores it, as EventBridge Scheduler ignores {@code StartDate}
 * for one-time schedules.
 */
public record ScheduleContext(ZoneId zone, Instant start) {

	/**
	 * A context in UTC, the zone EventBridge uses when none is given.
	 * @param start when the schedule begins
	 * @return the context
	 */
	public static ScheduleContext utc(Instant start) {
		return new ScheduleContext(ZoneOffset.UTC, start);
	}

}
