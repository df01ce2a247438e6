package dev.aloft.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Checks the field-by-field search against a brute-force scan, minute by minute, over
 * three days either side of many starting instants (around every daylight-saving change
 * of 2026 and near month ends), in zones with one-hour, half-hour and no changes.
 * <p>
 * The scan's idea of a fire time is written here independently of the implementation: a
 * whole minute whose local time matches a predicate written by hand for each expression,
 * and which is the first instant showing that local time (so a repeated local time counts
 * once and a skipped one never).
 */
class CronExpressionPropertyTests {

	private static final Duration WINDOW = Duration.ofDays(3);

	private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"),
			ZoneId.of("Europe/Berlin"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"));

	private static final ScheduleContext SINCE_2000 = ScheduleContext.utc(Instant.parse("2000-01-01T00:00:00Z"));

	static Stream<Arguments> expressions() {
		return Stream.of(arguments("cron(* * * * ? *)", matching((local) -> true)),
				arguments("cron(0/15 * * * ? *)", matching((local) -> local.getMinute() % 15 == 0)),
				arguments("cron(7/20 */3 * * ? *)",
						matching((local) -> local.getMinute() % 20 == 7 && local.getHour() % 3 == 0)),
				arguments("cron(30 2 * * ? *)", matching((local) -> local.getHour() == 2 && local.getMinute() == 30)),
				arguments("cron(30 1 * * ? *)", matching((local) -> local.getHour() == 1 && local.getMinute() == 30)),
				arguments("cron(* 2 * * ? *)", matching((local) -> local.getHour() == 2)),
				arguments("cron(10,40 0-3 * * ? *)", matching(
						(local) -> (local.getMinute() == 10 || local.getMinute() == 40) && local.getHour() <= 3)),
				arguments("cron(0/5 8-17 ? * MON-FRI *)",
						matching((local) -> local.getMinute() % 5 == 0 && local.getHour() >= 8 && local.getHour() <= 17
								&& weekday(local.toLocalDate()))),
				arguments("cron(0 22-2 ? * FRI-MON *)",
						matching((local) -> local.getMinute() == 0 && (local.getHour() >= 22 || local.getHour() <= 2)
								&& List.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY)
									.contains(local.getDayOfWeek()))),
				arguments("cron(0 12 L * ? *)",
						matching((local) -> at(local, 12, 0) && local.getDayOfMonth() == length(local))),
				arguments("cron(45 23 L-2 * ? *)",
						matching((local) -> at(local, 23, 45) && local.getDayOfMonth() == length(local) - 2)),
				arguments("cron(0 8 LW * ? *)",
						matching((local) -> at(local, 8, 0) && local.toLocalDate().equals(lastWeekday(local)))),
				arguments("cron(0 12 15W * ? *)",
						matching((local) -> at(local, 12, 0) && local.toLocalDate().equals(nearestWeekday(local, 15)))),
				arguments("cron(0 6 1W * ? *)",
						matching((local) -> at(local, 6, 0) && local.toLocalDate().equals(nearestWeekday(local, 1)))),
				arguments("cron(0 6 31W * ? *)",
						matching((local) -> at(local, 6, 0) && length(local) == 31
								&& local.toLocalDate().equals(nearestWeekday(local, 31)))),
				arguments("cron(0 9 ? * 2#1 *)",
						matching((local) -> at(local, 9, 0) && local.getDayOfWeek() == DayOfWeek.MONDAY
								&& local.getDayOfMonth() <= 7)),
				arguments("cron(0 0 ? * 5#5 *)",
						matching((local) -> at(local, 0, 0) && local.getDayOfWeek() == DayOfWeek.THURSDAY
								&& local.getDayOfMonth() > 28)),
				arguments("cron(0 12 ? * 6L *)",
						matching((local) -> at(local, 12, 0) && local.getDayOfWeek() == DayOfWeek.FRIDAY
								&& local.getDayOfMonth() + 7 > length(local))),
				arguments("cron(15 3 ? * L *)",
						matching((local) -> at(local, 3, 15) && local.getDayOfWeek() == DayOfWeek.SATURDAY)),
				arguments("cron(0 0 29 2 ? *)", matching(
						(local) -> at(local, 0, 0) && local.getMonthValue() == 2 && local.getDayOfMonth() == 29)),
				arguments("cron(*/30 * 1,15,L * ? *)",
						matching((local) -> local.getMinute() % 30 == 0 && (local.getDayOfMonth() == 1
								|| local.getDayOfMonth() == 15 || local.getDayOfMonth() == length(local)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("expressions")
	void nextAndLatestFireAgreeWithAMinuteByMinuteScan(String text, LocalTimeMatcher matcher) {
		ScheduleExpression expression = ScheduleExpression.parse(text);
		for (ZoneId zone : ZONES) {
			ScheduleContext context = new ScheduleContext(zone, SINCE_2000.start());
			for (Instant from : startingInstants(zone)) {
				Predicate<Instant> fires = (instant) -> firesAt(instant, zone, matcher);

				Optional<Instant> next = expression.nextFireAfter(from, context);
				Instant firstInWindow = scanForward(from, fires);
				String where = text + " in " + zone + " from " + from;
				if (firstInWindow != null) {
					assertThat(next).as("next fire, " + where).contains(firstInWindow);
				}
				else {
					assertThat(next).as("next fire beyond the window, " + where)
						.hasValueSatisfying((fire) -> assertThat(fire).isAfter(from.plus(WINDOW)));
				}

				Optional<Instant> latest = expression.latestFireAtOrBefore(from, context);
				Instant lastInWindow = scanBackward(from, fires);
				if (lastInWindow != null) {
					assertThat(latest).as("latest fire, " + where).contains(lastInWindow);
				}
				else {
					assertThat(latest).as("latest fire before the window, " + where)
						.hasValueSatisfying((fire) -> assertThat(fire).isBefore(from.minus(WINDOW)));
				}
			}
		}
	}

	/**
	 * The first whole minute strictly after {@code from} that fires, within the window.
	 */
	private static Instant scanForward(Instant from, Predicate<Instant> fires) {
		Instant minute = from.truncatedTo(ChronoUnit.MINUTES);
		if (!minute.isAfter(from)) {
			minute = minute.plus(1, ChronoUnit.MINUTES);
		}
		for (; !minute.isAfter(from.plus(WINDOW)); minute = minute.plus(1, ChronoUnit.MINUTES)) {
			if (fires.test(minute)) {
				return minute;
			}
		}
		return null;
	}

	/** The last whole minute at or before {@code from} that fires, within the window. */
	private static Instant scanBackward(Instant from, Predicate<Instant> fires) {
		for (Instant minute = from.truncatedTo(ChronoUnit.MINUTES); !minute
			.isBefore(from.minus(WINDOW)); minute = minute.minus(1, ChronoUnit.MINUTES)) {
			if (fires.test(minute)) {
				return minute;
			}
		}
		return null;
	}

	private static boolean firesAt(Instant instant, ZoneId zone, LocalTimeMatcher matcher) {
		LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
		if (local.getSecond() != 0 || !matcher.matches(local)) {
			return false;
		}
		Instant firstOccurrence = zone.getRules()
			.getValidOffsets(local)
			.stream()
			.map(local::toInstant)
			.min(Comparator.naturalOrder())
			.orElseThrow();
		return instant.equals(firstOccurrence);
	}

	/**
	 * Instants around each of the zone's changes in 2026, near month ends, and a few at
	 * random.
	 */
	private static List<Instant> startingInstants(ZoneId zone) {
		List<Instant> instants = new ArrayList<>();
		ZoneRules rules = zone.getRules();
		ZoneOffsetTransition transition = rules.nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
		while (transition != null && transition.getInstant().isBefore(Instant.parse("2027-01-01T00:00:00Z"))) {
			for (long minutes : new long[] { -150, -61, -30, -1, 0, 1, 29, 45, 61, 150 }) {
				instants.add(transition.getInstant().plus(minutes, ChronoUnit.MINUTES));
			}
			transition = rules.nextTransition(transition.getInstant());
		}
		for (String monthEnd : List.of("2026-01-29T13:17:42Z", "2026-02-27T05:00:00Z", "2026-04-29T23:59:59Z",
				"2026-05-30T12:00:00Z", "2026-08-01T12:00:00Z", "2028-02-27T00:00:30Z", "2026-11-28T00:00:00Z")) {
			instants.add(Instant.parse(monthEnd));
		}
		Random random = new Random(20260308);
		IntStream.range(0, 6)
			.mapToObj((i) -> Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextLong(4 * 365 * 86400L)))
			.forEach(instants::add);
		return instants;
	}

	private static LocalTimeMatcher matching(LocalTimeMatcher matcher) {
		return matcher;
	}

	private static boolean at(LocalDateTime local, int hour, int minute) {
		return local.getHour() == hour && local.getMinute() == minute;
	}

	private static int length(LocalDateTime local) {
		return local.toLocalDate().lengthOfMonth();
	}

	private static boolean weekday(LocalDate date) {
		return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	/** The weekday of the month closest to day n; null when the month has no day n. */
	private static LocalDate nearestWeekday(LocalDateTime local, int day) {
		if (day > length(local)) {
			return null;
		}
		LocalDate target = local.toLocalDate().withDayOfMonth(day);
		return local.toLocalDate()
			.withDayOfMonth(1)
			.datesUntil(local.toLocalDate().withDayOfMonth(length(local)).plusDays(1))
			.filter(CronExpressionPropertyTests::weekday)
			.min(Comparator.comparingLong((date) -> Math.abs(ChronoUnit.DAYS.between(target, date))))
			.orElseThrow();
	}

	private static LocalDate lastWeekday(LocalDateTime local) {
		LocalDate date = local.toLocalDate().withDayOfMonth(length(local));
		while (!weekday(date)) {
			date = date.minusDays(1);
		}
		return date;
	}

	/** Which local date-times an expression names, written by hand. */
	@FunctionalInterface
	interface LocalTimeMatcher {

		boolean matches(LocalDateTime local);

	}

}
