package dev.aloft.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)}: fires at every local
 * minute the six fields select, read in the schedule's zone.
 * <p>
 * Fields take lists ({@code ,}), ranges ({@code -}, which may wrap: {@code FRI-MON},
 * {@code 22-2}), {@code *} and increments ({@code 0/15}, {@code *}{@code /5},
 * {@code 10-30/5}). Months and days of the week also take names in any case
 * ({@code JAN}-{@code DEC}, {@code SUN}-{@code SAT}); day-of-week counts 1 = Sunday to 7
 * = Saturday. Exactly one of day-of-month and day-of-week is {@code ?}. Day-of-month also
 * takes {@code L} (last day), {@code L-n} (n days before it), {@code nW} (weekday nearest
 * day n, never crossing into another month) and {@code LW} (last weekday); day-of-week
 * takes {@code L} (Saturday), {@code nL} (last such day of the month, {@code 6L} = last
 * Friday) and one {@code n#k} (k-th such day, {@code 2#1} = first Monday). Years run
 * 1970-2199.
 * <p>
 * Daylight saving, as EventBridge Scheduler documents it: a local time the clock skips
 * when it moves forward does not fire that day, and a local time the clock shows twice
 * when it moves back fires once, at its first occurrence (see
 * {@link DaylightSavingPolicy}). A schedule never fires before its
 * {@link ScheduleContext#start() start}.
 */
public final class CronExpression implements ScheduleExpression {

	private static final int FIELD_COUNT = 6;

	private final String expression;

	private final CronCalendar calendar;

	private CronExpression(String expression, CronCalendar calendar) {
		this.expression = expression;
		this.calendar = calendar;
	}

	static CronExpression parse(String text, String body) {
		String trimmed = body.strip();
		String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
		if (fields.length != FIELD_COUNT) {
			throw new InvalidScheduleExpressionException("cron(): expected " + FIELD_COUNT
					+ " fields (minutes hours day-of-month month day-of-week year) but found " + fields.length);
		}
		// Field by field, left to right, so the first mistake is the one reported.
		BitSet minutes = CronFieldParser.parse(CronField.MINUTES, fields[0]);
		BitSet hours = CronFieldParser.parse(CronField.HOURS, fields[1]);
		boolean anyDayOfMonth = fields[2].equals("?");
		List<DaySelector> daysOfMonth = anyDayOfMonth ? List.of() : CronDayParser.dayOfMonth(fields[2]);
		BitSet months = CronFieldParser.parse(CronField.MONTH, fields[3]);
		boolean anyDayOfWeek = fields[4].equals("?");
		List<DaySelector> daysOfWeek = anyDayOfWeek ? List.of() : CronDayParser.dayOfWeek(fields[4]);
		BitSet years = CronFieldParser.parse(CronField.YEAR, fields[5]);
		if (anyDayOfMonth && anyDayOfWeek) {
			throw new InvalidScheduleExpressionException(
					"cron(): day-of-month and day-of-week cannot both be '?'; give the days in one of them");
		}
		if (!anyDayOfMonth && !anyDayOfWeek) {
			throw new InvalidScheduleExpressionException(
					"cron(): day-of-month and day-of-week cannot both be specified; one must be '?'");
		}
		List<DaySelector> days = anyDayOfMonth ? daysOfWeek : daysOfMonth;
		return new CronExpression(text, new CronCalendar(minutes, hours, days, months, years));
	}

	/**
	 * The expression as written (whitespace around it removed).
	 * @return the text, e.g. {@code cron(0 18 ? * MON-FRI *)}
	 */
	@Override
	public String expression() {
		return this.expression;
	}

	@Override
	public Optional<Instant> nextFireAfter(Instant after, ScheduleContext context) {
		ZoneId zone = context.zone();
		Instant notBefore = context.start().minusNanos(1);
		Instant from = after.isAfter(notBefore) ? after : notBefore;
		LocalDateTime start = LocalDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.MINUTES);
		return this.calendar.find(start, SearchDirection.FORWARD,
				(local) -> DaylightSavingPolicy.recurring(local, zone).filter((instant) -> instant.isAfter(from)));
	}

	@Override
	public Optional<Instant> latestFireAtOrBefore(Instant now, ScheduleContext context) {
		ZoneId zone = context.zone();
		if (now.isBefore(context.start())) {
			return Optional.empty();
		}
		LocalDateTime start = DaylightSavingPolicy.latestLocalTimeShownBy(now, zone).truncatedTo(ChronoUnit.MINUTES);
		return this.calendar
			.find(start, SearchDirection.BACKWARD,
					(local) -> DaylightSavingPolicy.recurring(local, zone).filter((instant) -> !instant.isAfter(now)))
			.filter((instant) -> !instant.isBefore(context.start()));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CronExpression cron) && this.expression.equals(cron.expression);
	}

	@Override
	public int hashCode() {
		return this.expression.hashCode();
	}

	@Override
	public String toString() {
		return this.expression;
	}

}
