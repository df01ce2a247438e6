package dev.aloft.schedule;

import java.time.DayOfWeek;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.List;

/**
 * One item of a {@code cron} day-of-month or day-of-week field, resolved month by month:
 * which days of a given month it selects. Resolving per month is what lets the search
 * jump straight to matching days instead of testing every day.
 */
sealed interface DaySelector {

	/**
	 * Adds the days of a month this item selects.
	 * @param month the month
	 * @param days where to add the days of the month (1-31)
	 */
	void addDaysOf(YearMonth month, BitSet days);

	/**
	 * The days of a month that any of the items select.
	 * @param selectors the items of the field
	 * @param month the month
	 * @return the days of the month (1-31)
	 */
	static BitSet daysOf(List<DaySelector> selectors, YearMonth month) {
		BitSet days = new BitSet(32);
		for (DaySelector selector : selectors) {
			selector.addDaysOf(month, days);
		}
		return days;
	}

	/**
	 * The day-of-week number {@code cron} uses, 1 = Sunday to 7 = Saturday.
	 * @param day the day of the week
	 * @return its number
	 */
	static int cronNumber(DayOfWeek day) {
		return day.getValue() % 7 + 1;
	}

	/**
	 * The day of the week a {@code cron} number stands for.
	 * @param number 1 = Sunday to 7 = Saturday
	 * @return the day of the week
	 */
	static DayOfWeek dayOfWeek(int number) {
		return DayOfWeek.SUNDAY.plus(number - 1);
	}

	/**
	 * Fixed days of the month ({@code 1,15}, {@code 1-5}, {@code 1/7}, {@code *}); a day
	 * the month does not have (the 31st of April) selects nothing.
	 *
	 * @param daysOfMonth the days, 1-31
	 */
	record DaysOfMonth(BitSet daysOfMonth) implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			days.or(this.daysOfMonth.get(0, month.lengthOfMonth() + 1));
		}

	}

	/**
	 * {@code L} (the last day of the month) and {@code L-n} (n days before it); an offset
	 * that reaches before the 1st selects nothing that month.
	 *
	 * @param offset days before the last day, 0 for {@code L}
	 */
	record LastDayOfMonth(int offset) implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			int day = month.lengthOfMonth() - this.offset;
			if (day >= 1) {
				days.set(day);
			}
		}

	}

	/**
	 * {@code nW}: the weekday (Monday to Friday) nearest to day n, never in another
	 * month. A Saturday moves to the Friday before and a Sunday to the Monday after,
	 * except that a Saturday the 1st moves to Monday the 3rd and a Sunday on the month's
	 * last day to the Friday before. A month without day n selects nothing, as a plain
	 * {@code 31} does.
	 *
	 * @param day the day n, 1-31
	 */
	record NearestWeekday(int day) implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			int length = month.lengthOfMonth();
			if (this.day > length) {
				return;
			}
			days.set(switch (month.atDay(this.day).getDayOfWeek()) {
				case SATURDAY -> (this.day == 1) ? 3 : this.day - 1;
				case SUNDAY -> (this.day == length) ? this.day - 2 : this.day + 1;
				default -> this.day;
			});
		}

	}

	/** {@code LW}: the last weekday (Monday to Friday) of the month. */
	record LastWeekdayOfMonth() implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			int last = month.lengthOfMonth();
			days.set(switch (month.atDay(last).getDayOfWeek()) {
				case SATURDAY -> last - 1;
				case SUNDAY -> last - 2;
				default -> last;
			});
		}

	}

	/**
	 * Days of the week ({@code MON-FRI}, {@code 1,7}, {@code *}, {@code L} for Saturday).
	 *
	 * @param cronNumbers the days of the week, 1 = Sunday to 7 = Saturday
	 */
	record DaysOfWeek(BitSet cronNumbers) implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			int firstNumber = cronNumber(month.atDay(1).getDayOfWeek());
			for (int day = 1; day <= month.lengthOfMonth(); day++) {
				if (this.cronNumbers.get((firstNumber - 1 + day - 1) % 7 + 1)) {
					days.set(day);
				}
			}
		}

	}

	/**
	 * {@code nL}: the last given day of the week in the month ({@code 6L} is the last
	 * Friday).
	 *
	 * @param dayOfWeek the day of the week
	 */
	record LastDayOfWeek(DayOfWeek dayOfWeek) implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			int last = month.lengthOfMonth();
			int back = (month.atDay(last).getDayOfWeek().getValue() - this.dayOfWeek.getValue() + 7) % 7;
			days.set(last - back);
		}

	}

	/**
	 * {@code n#k}: the k-th given day of the week in the month ({@code 2#1} is the first
	 * Monday); a month without a k-th one selects nothing.
	 *
	 * @param dayOfWeek the day of the week
	 * @param occurrence k, 1-5
	 */
	record NthDayOfWeek(DayOfWeek dayOfWeek, int occurrence) implements DaySelector {

		@Override
		public void addDaysOf(YearMonth month, BitSet days) {
			int first = 1 + (this.dayOfWeek.getValue() - month.atDay(1).getDayOfWeek().getValue() + 7) % 7;
			int day = first + 7 * (this.occurrence - 1);
			if (day <= month.lengthOfMonth()) {
				days.set(day);
			}
		}

	}

}
