package dev.aloft.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cron schedules across the 2026 daylight-saving changes: New York springs forward on
 * 2026-03-08 (02:00 EST becomes 03:00 EDT) and falls back on 2026-11-01 (02:00 EDT
 * becomes 01:00 EST); Berlin springs forward on 2026-03-29 (02:00 CET becomes 03:00 CEST)
 * and falls back on 2026-10-25 (03:00 CEST becomes 02:00 CET). As EventBridge Scheduler
 * does, a skipped local time does not fire and a repeated one fires once, at its first
 * occurrence.
 */
class CronDaylightSavingTests {

	private static final Instant SINCE_2000 = Instant.parse("2000-01-01T00:00:00Z");

	private static final ScheduleContext NEW_YORK = new ScheduleContext(ZoneId.of("America/New_York"), SINCE_2000);

	private static final ScheduleContext BERLIN = new ScheduleContext(ZoneId.of("Europe/Berlin"), SINCE_2000);

	@ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			# 02:30 does not exist on 2026-03-08 in New York: that day is skipped.
			cron(30 2 * * ? *)    | America/New_York | 2026-03-07T12:00:00Z | 2026-03-09T06:30:00Z
			cron(30 2 * * ? *)    | America/New_York | 2026-03-06T12:00:00Z | 2026-03-07T07:30:00Z
			# 09:00 moves from 14:00Z (EST) to 13:00Z (EDT).
			cron(0 9 * * ? *)     | America/New_York | 2026-03-07T12:00:00Z | 2026-03-07T14:00:00Z
			cron(0 9 * * ? *)     | America/New_York | 2026-03-07T14:00:00Z | 2026-03-08T13:00:00Z
			# The half hour after 01:30 EST is 03:00 EDT.
			cron(0/30 * * * ? *)  | America/New_York | 2026-03-08T06:30:00Z | 2026-03-08T07:00:00Z
			# 01:30 happens twice on 2026-11-01 in New York: it fires at the first (EDT) only.
			cron(30 1 * * ? *)    | America/New_York | 2026-10-31T12:00:00Z | 2026-11-01T05:30:00Z
			cron(30 1 * * ? *)    | America/New_York | 2026-11-01T05:30:00Z | 2026-11-02T06:30:00Z
			cron(0/30 * * * ? *)  | America/New_York | 2026-11-01T05:30:00Z | 2026-11-01T07:00:00Z
			cron(0/30 * * * ? *)  | America/New_York | 2026-11-01T06:15:00Z | 2026-11-01T07:00:00Z
			# Berlin: 02:30 does not exist on 2026-03-29.
			cron(30 2 * * ? *)    | Europe/Berlin    | 2026-03-28T12:00:00Z | 2026-03-30T00:30:00Z
			cron(0/30 * * * ? *)  | Europe/Berlin    | 2026-03-29T00:30:00Z | 2026-03-29T01:00:00Z
			# Berlin: 02:30 happens twice on 2026-10-25, first in CEST.
			cron(30 2 * * ? *)    | Europe/Berlin    | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z
			cron(30 2 * * ? *)    | Europe/Berlin    | 2026-10-25T00:30:00Z | 2026-10-26T01:30:00Z
			cron(0/30 * * * ? *)  | Europe/Berlin    | 2026-10-25T00:30:00Z | 2026-10-25T02:00:00Z
			""")
	void nextFireAcrossTheChanges(String expression, ZoneId zone, Instant after, Instant expected) {
		ScheduleContext context = new ScheduleContext(zone, SINCE_2000);

		assertThat(ScheduleExpression.parse(expression).nextFireAfter(after, context)).contains(expected);
	}

	@ParameterizedTest(name = "{0} in {1} at or before {2} -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			cron(30 2 * * ? *)    | America/New_York | 2026-03-09T06:29:00Z | 2026-03-07T07:30:00Z
			# During the repeated hour (01:45 EST), the latest fire is 01:30 EDT, an hour and a quarter ago.
			cron(0/30 * * * ? *)  | America/New_York | 2026-11-01T06:45:00Z | 2026-11-01T05:30:00Z
			cron(30 1 * * ? *)    | America/New_York | 2026-11-01T06:45:00Z | 2026-11-01T05:30:00Z
			cron(30 1 * * ? *)    | America/New_York | 2026-11-01T05:29:00Z | 2026-10-31T05:30:00Z
			cron(30 2 * * ? *)    | Europe/Berlin    | 2026-10-25T01:45:00Z | 2026-10-25T00:30:00Z
			""")
	void latestFireAcrossTheChanges(String expression, ZoneId zone, Instant now, Instant expected) {
		ScheduleContext context = new ScheduleContext(zone, SINCE_2000);

		assertThat(ScheduleExpression.parse(expression).latestFireAtOrBefore(now, context)).contains(expected);
	}

	@Test
	void hourlyInNewYorkSkipsTheMissingHourInSpring() {
		assertThat(fires("cron(0 * * * ? *)", NEW_YORK, "2026-03-08T04:30:00Z", 4)).containsExactly(
				"2026-03-08T05:00:00Z", // 00:00 EST
				"2026-03-08T06:00:00Z", // 01:00 EST
				"2026-03-08T07:00:00Z", // 03:00 EDT: 02:00 never happened
				"2026-03-08T08:00:00Z"); // 04:00 EDT
	}

	@Test
	void hourlyInNewYorkFiresTheRepeatedHourOnceInAutumn() {
		assertThat(fires("cron(0 * * * ? *)", NEW_YORK, "2026-11-01T03:30:00Z", 4)).containsExactly(
				"2026-11-01T04:00:00Z", // 00:00 EDT
				"2026-11-01T05:00:00Z", // 01:00 EDT; 01:00 EST (06:00Z) does not fire
										// again
				"2026-11-01T07:00:00Z", // 02:00 EST
				"2026-11-01T08:00:00Z"); // 03:00 EST
	}

	@Test
	void everyFifteenMinutesInBerlinAcrossBothChanges() {
		assertThat(fires("cron(0/15 * * * ? *)", BERLIN, "2026-03-29T00:35:00Z", 3)).containsExactly(
				"2026-03-29T00:45:00Z", // 01:45 CET
				"2026-03-29T01:00:00Z", // 03:00 CEST
				"2026-03-29T01:15:00Z");
		assertThat(fires("cron(0/15 * * * ? *)", BERLIN, "2026-10-25T00:35:00Z", 3)).containsExactly(
				"2026-10-25T00:45:00Z", // 02:45 CEST
				"2026-10-25T02:00:00Z", // 03:00 CET: 02:00-02:45 CET repeat and do not
										// fire
				"2026-10-25T02:15:00Z");
	}

	@Test
	void weekdayMorningsKeepTheirLocalTime() {
		assertThat(fires("cron(0 8 ? * MON-FRI *)", BERLIN, "2026-03-26T00:00:00Z", 3)).containsExactly(
				"2026-03-26T07:00:00Z", // Thursday 08:00 CET
				"2026-03-27T07:00:00Z", // Friday 08:00 CET
				"2026-03-30T06:00:00Z"); // Monday 08:00 CEST
	}

	private static List<String> fires(String expression, ScheduleContext context, String from, int count) {
		ScheduleExpression parsed = ScheduleExpression.parse(expression);
		List<String> fires = new ArrayList<>();
		Optional<Instant> next = parsed.nextFireAfter(Instant.parse(from), context);
		while (next.isPresent() && fires.size() < count) {
			fires.add(next.get().toString());
			next = parsed.nextFireAfter(next.get(), context);
		}
		return fires;
	}

}
