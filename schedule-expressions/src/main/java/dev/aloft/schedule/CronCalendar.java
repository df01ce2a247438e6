package dev.aloft.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The local date-times a {@code cron} expression names, and the walk through them.
 * <p>
 * The walk goes field by field (year, month, day, hour, minute), jumping to the next
 * value each field allows, so it never tests minutes or days that cannot match: a Feb-29
 * or fifth-Thursday schedule costs a few dozen steps, not a scan of every minute.
 *
 * @param minutes the minutes, 0-59
 * @param hours the hours, 0-23
 * @param days the items of the day-of-month or day-of-week field, whichever is not
 * {@code ?}
 * @param months the months, 1-12
 * @param years the years, 1970-2199
 */
record CronCalendar(BitSet minutes, BitSet hours, List<DaySelector> days, BitSet months, BitSet years) {

	/**
	 * Walks the matching local date-times from a starting point (included) in one
	 * direction, until one is accepted.
	 * @param start where to start, to the minute
	 * @param direction which way to walk
	 * @param accept turns a matching local date-time into an instant, or rejects it with
	 * empty (a time the clock skips, or one on the wrong side of the instant being
	 * searched from)
	 * @return the first accepted instant, or empty when the years run out
	 */
	Optional<Instant> find(LocalDateTime start, SearchDirection direction,
			Function<LocalDateTime, Optional<Instant>> accept) {
		int year = direction.first(this.years, start.getYear());
		while (year != -1) {
			boolean startYear = year == start.getYear();
			int month = direction.first(this.months, startYear ? start.getMonthValue() : direction.open(1, 12));
			while (month != -1) {
				YearMonth yearMonth = YearMonth.of(year, month);
				boolean startMonth = startYear && month == start.getMonthValue();
				Optional<Instant> found = findInMonth(yearMonth, startMonth ? start : null, direction, accept);
				if (found.isPresent()) {
					return found;
				}
				month = direction.following(this.months, month);
			}
			year = direction.following(this.years, year);
		}
		return Optional.empty();
	}

	private Optional<Instant> findInMonth(YearMonth month, @Nullable LocalDateTime start, SearchDirection direction,
			Function<LocalDateTime, Optional<Instant>> accept) {
		BitSet daysOfMonth = DaySelector.daysOf(this.days, month);
		int day = direction.first(daysOfMonth, (start != null) ? start.getDayOfMonth() : direction.open(1, 31));
		while (day != -1) {
			LocalDate date = month.atDay(day);
			boolean startDay = start != null && day == start.getDayOfMonth();
			Optional<Instant> found = findOnDay(date, startDay ? start.toLocalTime() : null, direction, accept);
			if (found.isPresent()) {
				return found;
			}
			day = direction.following(daysOfMonth, day);
		}
		return Optional.empty();
	}

	private Optional<Instant> findOnDay(LocalDate date, @Nullable LocalTime start, SearchDirection direction,
			Function<LocalDateTime, Optional<Instant>> accept) {
		int hour = direction.first(this.hours, (start != null) ? start.getHour() : direction.open(0, 23));
		while (hour != -1) {
			boolean startHour = start != null && hour == start.getHour();
			int minute = direction.first(this.minutes, startHour ? start.getMinute() : direction.open(0, 59));
			while (minute != -1) {
				Optional<Instant> found = accept.apply(date.atTime(hour, minute));
				if (found.isPresent()) {
					return found;
				}
				minute = direction.following(this.minutes, minute);
			}
			hour = direction.following(this.hours, hour);
		}
		return Optional.empty();
	}

}
