package dev.aloft.schedule;

import java.util.List;
import java.util.Locale;

/**
 * The six fields of a {@code cron} expression, in order, with the values EventBridge
 * allows. Day-of-week counts 1 = Sunday to 7 = Saturday.
 */
enum CronField {

	MINUTES("minutes", 0, 59, List.of()),

	HOURS("hours", 0, 23, List.of()),

	DAY_OF_MONTH("day-of-month", 1, 31, List.of()),

	MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),

	DAY_OF_WEEK("day-of-week", 1, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),

	YEAR("year", 1970, 2199, List.of());

	private final String label;

	private final int min;

	private final int max;

	private final List<String> names;

	CronField(String label, int min, int max, List<String> names) {
		this.label = label;
		this.min = min;
		this.max = max;
		this.names = names;
	}

	int min() {
		return this.min;
	}

	int max() {
		return this.max;
	}

	/**
	 * Whether a range may run past the end back to the start, as {@code FRI-MON} or
	 * {@code 22-2} do. Years do not wrap.
	 * @return true for every field but the year
	 */
	boolean wraps() {
		return this != YEAR;
	}

	/**
	 * The value a name stands for, ignoring case.
	 * @param token the token, e.g. {@code jan}
	 * @return the value, or -1 when the field has no such name
	 */
	int named(String token) {
		int index = this.names.indexOf(token.toUpperCase(Locale.ROOT));
		return (index < 0) ? -1 : this.min + index;
	}

	/**
	 * The values the field allows, for messages.
	 * @return e.g. {@code 1-12 or JAN-DEC}
	 */
	String allowed() {
		String numbers = this.min + "-" + this.max;
		return this.names.isEmpty() ? numbers : numbers + " or " + this.names.get(0) + "-" + this.names.getLast();
	}

	/**
	 * An error about this field, naming it and quoting what the user wrote.
	 * @param fieldText the field as written
	 * @param problem what is wrong and what to do instead
	 * @return the exception to throw
	 */
	InvalidScheduleExpressionException invalid(String fieldText, String problem) {
		return new InvalidScheduleExpressionException("cron(): " + this.label + " field "
				+ InvalidScheduleExpressionException.quote(fieldText) + ": " + problem);
	}

}
