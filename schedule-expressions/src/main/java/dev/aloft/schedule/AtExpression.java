package dev.aloft.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code at(yyyy-mm-ddThh:mm:ss)}: a one-time schedule that fires once, at that local
 * time in the schedule's zone. It ignores the schedule's start, as EventBridge Scheduler
 * ignores {@code StartDate} for one-time schedules. A local time skipped by a
 * daylight-saving change fires at the first instant after the gap; a repeated one fires
 * at its first occurrence (see {@link DaylightSavingPolicy}).
 *
 * @param dateTime the local date and time, to the second
 */
public record AtExpression(LocalDateTime dateTime) implements ScheduleExpression {

	private static final Pattern SHAPE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})");

	private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	/**
	 * Creates the expression.
	 * @param dateTime the local date and time, to the second
	 */
	public AtExpression {
		if (dateTime.getNano() != 0) {
			throw new InvalidScheduleExpressionException("at(): the time is given to the second; found " + dateTime);
		}
	}

	static AtExpression parse(String body) {
		Matcher matcher = SHAPE.matcher(body);
		if (!matcher.matches()) {
			throw new InvalidScheduleExpressionException("at(): expected yyyy-mm-ddThh:mm:ss, such as "
					+ "at(2027-03-14T09:30:00), found " + InvalidScheduleExpressionException.quote(body));
		}
		int year = Integer.parseInt(matcher.group(1));
		int month = inRange("month", matcher.group(2), 1, 12);
		int day = Integer.parseInt(matcher.group(3));
		int hour = inRange("hour", matcher.group(4), 0, 23);
		int minute = inRange("minute", matcher.group(5), 0, 59);
		int second = inRange("second", matcher.group(6), 0, 59);
		YearMonth yearMonth = YearMonth.of(year, month);
		if (day < 1 || !yearMonth.isValidDay(day)) {
			String monthName = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
			throw new InvalidScheduleExpressionException(
					"at(): " + monthName + " " + year + " has no day " + matcher.group(3));
		}
		return new AtExpression(LocalDateTime.of(year, month, day, hour, minute, second));
	}

	private static int inRange(String name, String digits, int min, int max) {
		int value = Integer.parseInt(digits);
		if (value < min || value > max) {
			throw new InvalidScheduleExpressionException(
					"at(): " + name + " " + digits + " is out of range; use " + String.format("%02d-%02d", min, max));
		}
		return value;
	}

	@Override
	public String expression() {
		return "at(" + CANONICAL.format(this.dateTime) + ")";
	}

	/**
	 * The instant this schedule fires in a zone.
	 * @param context the zone (the start is ignored)
	 * @return the instant
	 */
	public Instant fireTime(ScheduleContext context) {
		return DaylightSavingPolicy.oneTime(this.dateTime, context.zone());
	}

	@Override
	public Optional<Instant> nextFireAfter(Instant after, ScheduleContext context) {
		Instant fireTime = fireTime(context);
		return fireTime.isAfter(after) ? Optional.of(fireTime) : Optional.empty();
	}

	@Override
	public Optional<Instant> latestFireAtOrBefore(Instant now, ScheduleContext context) {
		Instant fireTime = fireTime(context);
		return fireTime.isAfter(now) ? Optional.empty() : Optional.of(fireTime);
	}

	@Override
	public String toString() {
		return expression();
	}

}
