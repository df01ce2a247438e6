package dev.aloft.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Next and latest fire times in UTC, with the day wildcards near month boundaries.
 */
class CronExpressionTests {

	private static final ScheduleContext UTC_SINCE_2000 = ScheduleContext.utc(Instant.parse("2000-01-01T00:00:00Z"));

	@ParameterizedTest(name = "{0} after {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			cron(15 10 * * ? *)           | 2026-05-01T10:14:59Z | 2026-05-01T10:15:00Z
			cron(15 10 * * ? *)           | 2026-05-01T10:15:00Z | 2026-05-02T10:15:00Z
			cron(0 18 ? * MON-FRI *)      | 2026-05-01T18:00:00Z | 2026-05-04T18:00:00Z
			cron(0 8 1 * ? *)             | 2026-12-15T00:00:00Z | 2027-01-01T08:00:00Z
			cron(0/5 8-17 ? * MON-FRI *)  | 2026-05-01T17:55:00Z | 2026-05-04T08:00:00Z
			cron(0/5 8-17 ? * MON-FRI *)  | 2026-05-04T08:02:10Z | 2026-05-04T08:05:00Z
			cron(0 9 ? * 2#1 *)           | 2026-05-04T09:00:00Z | 2026-06-01T09:00:00Z
			cron(0/15 * * * ? *)          | 2026-05-01T23:50:00Z | 2026-05-02T00:00:00Z
			cron(1/10 * * * ? *)          | 2026-05-01T10:51:00Z | 2026-05-01T11:01:00Z
			cron(*/20 */6 * * ? *)        | 2026-05-01T06:41:00Z | 2026-05-01T12:00:00Z
			cron(10-30/10 * * * ? *)      | 2026-05-01T10:30:00Z | 2026-05-01T11:10:00Z
			cron(0 22-2 * * ? *)          | 2026-05-01T02:00:00Z | 2026-05-01T22:00:00Z
			cron(0 22-2 * * ? *)          | 2026-05-01T23:00:00Z | 2026-05-02T00:00:00Z
			cron(0 12 ? * FRI-MON *)      | 2026-05-04T12:00:00Z | 2026-05-08T12:00:00Z
			cron(0 12 ? NOV-FEB * *)      | 2026-02-28T12:00:00Z | 2026-11-01T12:00:00Z
			cron(0 10 ? jan,Mar * *)      | 2026-01-31T10:00:00Z | 2026-03-01T10:00:00Z
			cron(0 12 L * ? *)            | 2027-02-01T00:00:00Z | 2027-02-28T12:00:00Z
			cron(0 12 L * ? *)            | 2028-02-01T00:00:00Z | 2028-02-29T12:00:00Z
			cron(0 12 L 2 ? *)            | 2099-03-01T00:00:00Z | 2100-02-28T12:00:00Z
			cron(0 0 L-2 * ? *)           | 2026-01-01T00:00:00Z | 2026-01-29T00:00:00Z
			cron(0 0 L-2 * ? *)           | 2026-02-01T00:00:00Z | 2026-02-26T00:00:00Z
			cron(0 0 L-2 * ? *)           | 2028-02-01T00:00:00Z | 2028-02-27T00:00:00Z
			cron(0 0 L-30 * ? *)          | 2026-02-01T00:00:00Z | 2026-03-01T00:00:00Z
			cron(0 0 LW * ? *)            | 2026-01-01T00:00:00Z | 2026-01-30T00:00:00Z
			cron(0 0 LW * ? *)            | 2026-05-01T00:00:00Z | 2026-05-29T00:00:00Z
			cron(0 0 LW * ? *)            | 2026-06-01T00:00:00Z | 2026-06-30T00:00:00Z
			cron(0 0 1W * ? *)            | 2026-07-31T00:00:00Z | 2026-08-03T00:00:00Z
			cron(0 0 1W * ? *)            | 2026-01-31T00:00:00Z | 2026-02-02T00:00:00Z
			cron(0 0 1W * ? *)            | 2026-05-31T00:00:00Z | 2026-06-01T00:00:00Z
			cron(0 0 31W * ? *)           | 2026-05-01T00:00:00Z | 2026-05-29T00:00:00Z
			cron(0 0 31W * ? *)           | 2026-05-29T00:00:00Z | 2026-07-31T00:00:00Z
			cron(0 0 31W * ? *)           | 2026-01-01T00:00:00Z | 2026-01-30T00:00:00Z
			cron(0 12 15W * ? *)          | 2026-08-01T00:00:00Z | 2026-08-14T12:00:00Z
			cron(0 12 15W * ? *)          | 2026-11-01T00:00:00Z | 2026-11-16T12:00:00Z
			cron(0 12 15W * ? *)          | 2026-05-01T00:00:00Z | 2026-05-15T12:00:00Z
			cron(0 12 ? * 6L *)           | 2026-01-01T00:00:00Z | 2026-01-30T12:00:00Z
			cron(0 12 ? * 6L *)           | 2026-05-01T00:00:00Z | 2026-05-29T12:00:00Z
			cron(0 12 ? * THUL *)         | 2026-04-01T00:00:00Z | 2026-04-30T12:00:00Z
			cron(0 12 ? * L *)            | 2026-05-01T00:00:00Z | 2026-05-02T12:00:00Z
			cron(0 0 ? * 5#5 *)           | 2026-01-01T00:00:00Z | 2026-01-29T00:00:00Z
			cron(0 0 ? * 5#5 *)           | 2026-01-29T00:00:00Z | 2026-04-30T00:00:00Z
			cron(0 0 ? * 6#5 *)           | 2026-01-01T00:00:00Z | 2026-01-30T00:00:00Z
			cron(0 0 ? * 1#1 *)           | 2026-02-01T00:00:00Z | 2026-03-01T00:00:00Z
			cron(0 0 29 2 ? *)            | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z
			cron(0 0 29 2 ? *)            | 2096-03-01T00:00:00Z | 2104-02-29T00:00:00Z
			cron(0 0 31 * ? *)            | 2026-05-31T00:00:00Z | 2026-07-31T00:00:00Z
			cron(0 0 1 1 ? 2026/5)        | 2026-01-01T00:00:00Z | 2031-01-01T00:00:00Z
			cron(30 4 * * ? 2030)         | 1999-12-31T23:59:59Z | 2030-01-01T04:30:00Z
			""")
	void nextFireTimesInUtc(String expression, Instant after, Instant expected) {
		assertThat(ScheduleExpression.parse(expression).nextFireAfter(after, UTC_SINCE_2000)).contains(expected);
	}

	@ParameterizedTest(name = "{0} at or before {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			cron(0/15 * * * ? *)          | 2026-05-01T10:14:59Z | 2026-05-01T10:00:00Z
			cron(0/15 * * * ? *)          | 2026-05-01T10:15:00Z | 2026-05-01T10:15:00Z
			cron(0 18 ? * MON-FRI *)      | 2026-05-04T17:00:00Z | 2026-05-01T18:00:00Z
			cron(0 12 L * ? *)            | 2028-03-15T00:00:00Z | 2028-02-29T12:00:00Z
			cron(0 0 29 2 ? *)            | 2028-02-28T00:00:00Z | 2024-02-29T00:00:00Z
			cron(0 0 ? * 5#5 *)           | 2026-04-29T00:00:00Z | 2026-01-29T00:00:00Z
			cron(0 0 31W * ? *)           | 2026-07-30T00:00:00Z | 2026-05-29T00:00:00Z
			cron(0 22-2 * * ? *)          | 2026-05-01T21:59:00Z | 2026-05-01T02:00:00Z
			cron(30 4 * * ? 2030)         | 2199-12-31T23:59:59Z | 2030-12-31T04:30:00Z
			""")
	void latestFireTimesInUtc(String expression, Instant now, Instant expected) {
		assertThat(ScheduleExpression.parse(expression).latestFireAtOrBefore(now, UTC_SINCE_2000)).contains(expected);
	}

	@Test
	void aMonthWithoutTheDaySelectsNothing() {
		// 31W does not fall back to the 30th: a month without a 31st has no "31st's
		// weekday".
		ScheduleExpression expression = ScheduleExpression.parse("cron(0 0 31W * ? *)");

		assertThat(expression.nextFireAfter(Instant.parse("2026-03-31T00:00:00Z"), UTC_SINCE_2000))
			.contains(Instant.parse("2026-05-29T00:00:00Z"));
	}

	@Test
	void wFindsTheNearestWeekdayWithoutLeavingTheMonth() {
		ScheduleExpression expression = ScheduleExpression.parse("cron(0 0 1W * ? *)");

		assertThat(fires(expression, Instant.parse("2026-01-01T00:00:00Z"), 12)).extracting(Instant::toString)
			.containsExactly("2026-01-01T00:00:00Z", "2026-02-02T00:00:00Z", "2026-03-02T00:00:00Z",
					"2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z",
					"2026-08-03T00:00:00Z", "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z", "2026-11-02T00:00:00Z",
					"2026-12-01T00:00:00Z");
	}

	@Test
	void lastDayOfFebruaryFollowsLeapYears() {
		ScheduleExpression expression = ScheduleExpression.parse("cron(0 12 L 2 ? *)");

		assertThat(fires(expression, Instant.parse("2096-01-01T00:00:00Z"), 6)).extracting(Instant::toString)
			.containsExactly("2096-02-29T12:00:00Z", "2097-02-28T12:00:00Z", "2098-02-28T12:00:00Z",
					"2099-02-28T12:00:00Z", "2100-02-28T12:00:00Z", "2101-02-28T12:00:00Z");
	}

	@Test
	void fireTimesAreWholeMinutes() {
		Optional<Instant> next = ScheduleExpression.parse("cron(* * * * ? *)")
			.nextFireAfter(Instant.parse("2026-05-01T10:00:00.000000001Z"), UTC_SINCE_2000);

		assertThat(next).contains(Instant.parse("2026-05-01T10:01:00Z"));
	}

	@Test
	void noFireAfterTheLastYear() {
		assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2027)")
			.nextFireAfter(Instant.parse("2027-01-01T00:00:00Z"), UTC_SINCE_2000)).isEmpty();
		assertThat(ScheduleExpression.parse("cron(0 0 29 2 ? *)")
			.nextFireAfter(Instant.parse("2196-02-29T00:00:00Z"), UTC_SINCE_2000)).isEmpty();
		assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2027)")
			.latestFireAtOrBefore(Instant.parse("2026-12-31T23:59:00Z"), UTC_SINCE_2000)).isEmpty();
	}

	@Test
	void neverFiresBeforeTheStart() {
		ScheduleExpression expression = ScheduleExpression.parse("cron(0 12 * * ? *)");
		ScheduleContext startingAtNoon = ScheduleContext.utc(Instant.parse("2026-05-01T12:00:00Z"));
		ScheduleContext startingJustAfterNoon = ScheduleContext.utc(Instant.parse("2026-05-01T12:00:01Z"));

		assertThat(expression.nextFireAfter(Instant.parse("2026-04-01T00:00:00Z"), startingAtNoon))
			.contains(Instant.parse("2026-05-01T12:00:00Z"));
		assertThat(expression.nextFireAfter(Instant.parse("2026-04-01T00:00:00Z"), startingJustAfterNoon))
			.contains(Instant.parse("2026-05-02T12:00:00Z"));
		assertThat(expression.latestFireAtOrBefore(Instant.parse("2026-05-01T13:00:00Z"), startingJustAfterNoon))
			.isEmpty();
		assertThat(expression.latestFireAtOrBefore(Instant.parse("2026-04-30T13:00:00Z"), startingAtNoon)).isEmpty();
	}

	@Test
	void theZoneDecidesTheLocalTime() {
		ScheduleExpression expression = ScheduleExpression.parse("cron(0 9 * * ? *)");
		ScheduleContext tokyo = new ScheduleContext(ZoneId.of("Asia/Tokyo"), UTC_SINCE_2000.start());
		ScheduleContext plusFiveThirty = new ScheduleContext(ZoneOffset.ofHoursMinutes(5, 30), UTC_SINCE_2000.start());

		assertThat(expression.nextFireAfter(Instant.parse("2026-05-01T12:00:00Z"), tokyo))
			.contains(Instant.parse("2026-05-02T00:00:00Z"));
		assertThat(expression.nextFireAfter(Instant.parse("2026-05-01T12:00:00Z"), plusFiveThirty))
			.contains(Instant.parse("2026-05-02T03:30:00Z"));
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.SECONDS)
	void rareAndImpossibleSchedulesAreFoundByFieldNotByMinute() {
		// A minute-by-minute scan would take over 100 million steps for each of these.
		List<Instant> leapDays = fires(ScheduleExpression.parse("cron(0 0 29 2 ? *)"),
				Instant.parse("1970-01-01T00:00:00Z"), 1000);
		List<Instant> fifthFridays = fires(ScheduleExpression.parse("cron(0 0 ? * 6#5 *)"),
				Instant.parse("1970-01-01T00:00:00Z"), 1000);

		// 2000 to 2196 has 50 years divisible by 4, and 2100 is not a leap year.
		assertThat(leapDays).hasSize(49).first().hasToString("2000-02-29T00:00:00Z");
		assertThat(leapDays).last().hasToString("2196-02-29T00:00:00Z");
		assertThat(fifthFridays).first().hasToString("2000-03-31T00:00:00Z");
		assertThat(fifthFridays).last().hasToString("2199-11-29T00:00:00Z");
		assertThat(fifthFridays).allSatisfy((fire) -> assertThat(fire.atZone(ZoneOffset.UTC))
			.satisfies((day) -> assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY))
			.satisfies((day) -> assertThat(day.getDayOfMonth()).isGreaterThan(28)));
		assertThat(ScheduleExpression.parse("cron(0 0 30 2 ? *)")
			.nextFireAfter(Instant.parse("1970-01-01T00:00:00Z"), ScheduleContext.utc(Instant.EPOCH))).isEmpty();
		assertThat(ScheduleExpression.parse("cron(0 0 30 2 ? *)")
			.latestFireAtOrBefore(Instant.parse("2199-12-31T00:00:00Z"), ScheduleContext.utc(Instant.EPOCH))).isEmpty();
	}

	@Test
	void expressionsAreEqualByText() {
		assertThat(ScheduleExpression.parse("cron(0 12 * * ? *)"))
			.isEqualTo(ScheduleExpression.parse("cron(0 12 * * ? *)"))
			.hasSameHashCodeAs(ScheduleExpression.parse("cron(0 12 * * ? *)"))
			.hasToString("cron(0 12 * * ? *)");
	}

	private static List<Instant> fires(ScheduleExpression expression, Instant from, int limit) {
		List<Instant> fires = new ArrayList<>();
		Optional<Instant> next = expression.nextFireAfter(from.minus(1, ChronoUnit.NANOS), UTC_SINCE_2000);
		while (next.isPresent() && fires.size() < limit) {
			fires.add(next.get());
			next = expression.nextFireAfter(next.get(), UTC_SINCE_2000);
		}
		return fires;
	}

}
