package dev.aloft.schedule;

import java.util.BitSet;
import java.util.List;

/**
 * Parses the syntax every {@code cron} field shares: lists ({@code ,}), ranges
 * ({@code -}), all values ({@code *}) and increments ({@code /}), with numbers or, for
 * months and days of the week, names in any case. The day fields add their own wildcards
 * on top (see {@link CronDayParser}).
 */
final class CronFieldParser {

	/** Longest number a field can hold (2199), with room for leading zeros. */
	private static final int MAX_DIGITS = 6;

	private CronFieldParser() {
	}

	/**
	 * Parses a field that has only the shared syntax.
	 * @param field the field
	 * @param text the field as written
	 * @return the values it selects
	 */
	static BitSet parse(CronField field, String text) {
		BitSet values = new BitSet();
		for (String item : items(field, text)) {
			addItem(field, text, item, values);
		}
		return values;
	}

	/**
	 * Splits a field into the items of its list.
	 * @param field the field
	 * @param text the field as written
	 * @return the items, none empty
	 */
	static List<String> items(CronField field, String text) {
		List<String> items = List.of(text.split(",", -1));
		if (items.contains("")) {
			throw field.invalid(text, "a value is missing in the list");
		}
		return items;
	}

	/**
	 * Adds the values one item selects: {@code *}, {@code n}, {@code a-b}, each
	 * optionally followed by {@code /increment}. {@code n/increment} runs from n to the
	 * field's end.
	 * @param field the field
	 * @param text the whole field as written, for messages
	 * @param item the item
	 * @param values where to add the values
	 */
	static void addItem(CronField field, String text, String item, BitSet values) {
		if (item.equals("?")) {
			throw field.invalid(text, "'?' is only allowed as the whole day-of-month or day-of-week field");
		}
		int slash = item.indexOf('/');
		String base = (slash < 0) ? item : item.substring(0, slash);
		int increment = (slash < 0) ? 1 : increment(field, text, item.substring(slash + 1));
		if (base.equals("*")) {
			addRange(field, text, field.min(), field.max(), increment, values);
			return;
		}
		int dash = base.indexOf('-');
		if (dash < 0) {
			int value = value(field, text, base);
			addRange(field, text, value, (slash < 0) ? value : field.max(), increment, values);
			return;
		}
		int from = value(field, text, base.substring(0, dash));
		int to = value(field, text, base.substring(dash + 1));
		addRange(field, text, from, to, increment, values);
	}

	/**
	 * Reads one value: a number in the field's range or one of its names.
	 * @param field the field
	 * @param text the whole field as written, for messages
	 * @param token the value
	 * @return the number it stands for
	 */
	static int value(CronField field, String text, String token) {
		if (token.isEmpty()) {
			throw field.invalid(text, "a value is missing; use " + field.allowed());
		}
		if (!token.chars().allMatch(Character::isDigit)) {
			int named = field.named(token);
			if (named < 0) {
				throw field.invalid(text, InvalidScheduleExpressionException.quote(token)
						+ " is not a valid value; use " + field.allowed());
			}
			return named;
		}
		int value = (token.length() > MAX_DIGITS) ? Integer.MAX_VALUE : Integer.parseInt(token);
		if (value < field.min() || value > field.max()) {
			throw field.invalid(text, token + " is out of range; use " + field.allowed());
		}
		return value;
	}

	private static int increment(CronField field, String text, String token) {
		boolean digits = !token.isEmpty() && token.length() <= MAX_DIGITS && token.chars().allMatch(Character::isDigit);
		if (!digits || Integer.parseInt(token) < 1) {
			throw field.invalid(text, "the increment after '/' must be a whole number of at least 1, found "
					+ InvalidScheduleExpressionException.quote(token));
		}
		return Integer.parseInt(token);
	}

	private static void addRange(CronField field, String text, int from, int to, int increment, BitSet values) {
		int end = to;
		if (from > to) {
			if (!field.wraps()) {
				throw field.invalid(text, "the range " + from + "-" + to + " runs backwards");
			}
			// FRI-MON or 22-2: past the field's end, then on from its start.
			end = to + (field.max() - field.min() + 1);
		}
		for (int value = from; value <= end; value += increment) {
			values.set((value > field.max()) ? value - (field.max() - field.min() + 1) : value);
		}
	}

}
