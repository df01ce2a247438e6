package dev.aloft.schedule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Parses the two day fields of a {@code cron} expression, with the wildcards only they
 * have. Day-of-month: {@code L}, {@code L-n}, {@code LW} and {@code nW}. Day-of-week:
 * {@code L} (Saturday, the last day of the week), {@code nL} and {@code n#k}.
 * <p>
 * AWS documents {@code L}, {@code W} and {@code #}; {@code L-n}, {@code LW} and
 * {@code nL} are the Quartz forms EventBridge also accepts, so users who rely on them can
 * move here.
 */
final class CronDayParser {

	private static final int MAX_OFFSET = 30;

	private static final int MAX_OCCURRENCE = 5;

	private CronDayParser() {
	}

	/**
	 * Parses a day-of-month field other than {@code ?}.
	 * @param text the field as written
	 * @return its items
	 */
	static List<DaySelector> dayOfMonth(String text) {
		CronField field = CronField.DAY_OF_MONTH;
		List<DaySelector> selectors = new ArrayList<>();
		BitSet fixedDays = new BitSet();
		for (String written : CronFieldParser.items(field, text)) {
			String item = written.toUpperCase(Locale.ROOT);
			if (item.equals("L")) {
				selectors.add(new DaySelector.LastDayOfMonth(0));
			}
			else if (item.equals("LW")) {
				selectors.add(new DaySelector.LastWeekdayOfMonth());
			}
			else if (item.startsWith("L-")) {
				selectors.add(new DaySelector.LastDayOfMonth(offset(text, item.substring(2))));
			}
			else if (item.endsWith("W")) {
				selectors.add(new DaySelector.NearestWeekday(nearestWeekdayDay(text, item)));
			}
			else {
				CronFieldParser.addItem(field, text, item, fixedDays);
			}
		}
		if (!fixedDays.isEmpty()) {
			selectors.add(new DaySelector.DaysOfMonth(fixedDays));
		}
		return List.copyOf(selectors);
	}

	/**
	 * Parses a day-of-week field other than {@code ?}.
	 * @param text the field as written
	 * @return its items
	 */
	static List<DaySelector> dayOfWeek(String text) {
		CronField field = CronField.DAY_OF_WEEK;
		if (text.contains("#")) {
			if (text.contains(",")) {
				throw field.invalid(text, "only one '#' expression is allowed, and nothing else with it");
			}
			return List.of(nthDayOfWeek(text));
		}
		List<DaySelector> selectors = new ArrayList<>();
		BitSet cronNumbers = new BitSet();
		for (String written : CronFieldParser.items(field, text)) {
			String item = written.toUpperCase(Locale.ROOT);
			if (item.equals("L")) {
				cronNumbers.set(field.max());
			}
			else if (item.endsWith("L")) {
				int number = CronFieldParser.value(field, text, item.substring(0, item.length() - 1));
				selectors.add(new DaySelector.LastDayOfWeek(DaySelector.dayOfWeek(number)));
			}
			else {
				CronFieldParser.addItem(field, text, item, cronNumbers);
			}
		}
		if (!cronNumbers.isEmpty()) {
			selectors.add(new DaySelector.DaysOfWeek(cronNumbers));
		}
		return List.copyOf(selectors);
	}

	private static int offset(String text, String token) {
		boolean digits = !token.isEmpty() && token.length() <= 2 && token.chars().allMatch(Character::isDigit);
		int offset = digits ? Integer.parseInt(token) : -1;
		if (offset < 1 || offset > MAX_OFFSET) {
			throw CronField.DAY_OF_MONTH.invalid(text, "the offset after 'L-' must be 1-" + MAX_OFFSET + ", found "
					+ InvalidScheduleExpressionException.quote(token));
		}
		return offset;
	}

	private static int nearestWeekdayDay(String text, String item) {
		String day = item.substring(0, item.length() - 1);
		if (day.isEmpty() || !day.chars().allMatch(Character::isDigit)) {
			throw CronField.DAY_OF_MONTH.invalid(text,
					"'W' follows a single day, such as 15W, found " + InvalidScheduleExpressionException.quote(item));
		}
		return CronFieldParser.value(CronField.DAY_OF_MONTH, text, day);
	}

	private static DaySelector nthDayOfWeek(String text) {
		CronField field = CronField.DAY_OF_WEEK;
		String[] parts = text.split("#", -1);
		if (parts.length != 2) {
			throw field.invalid(text, "use one day and one occurrence, such as 2#1 for the first Monday");
		}
		int number = CronFieldParser.value(field, text, parts[0]);
		String occurrence = parts[1];
		boolean digits = !occurrence.isEmpty() && occurrence.length() <= 2
				&& occurrence.chars().allMatch(Character::isDigit);
		int value = digits ? Integer.parseInt(occurrence) : -1;
		if (value < 1 || value > MAX_OCCURRENCE) {
			throw field.invalid(text, "the occurrence after '#' must be 1-" + MAX_OCCURRENCE + ", found "
					+ InvalidScheduleExpressionException.quote(occurrence));
		}
		return new DaySelector.NthDayOfWeek(DaySelector.dayOfWeek(number), value);
	}

}
