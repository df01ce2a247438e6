package dev.aloft.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RateExpressionTests {

	private static final Instant START = Instant.parse("2026-05-01T10:02:30Z");

	private static final ScheduleContext CONTEXT = ScheduleContext.utc(START);

	@ParameterizedTest(name = "rate(5 minutes) from 10:02:30 after {0} -> {1}")
	@CsvSource(textBlock = """
			2026-05-01T09:00:00Z, 2026-05-01T10:02:30Z
			2026-05-01T10:02:29Z, 2026-05-01T10:02:30Z
			2026-05-01T10:02:30Z, 2026-05-01T10:07:30Z
			2026-05-01T10:07:29.999Z, 2026-05-01T10:07:30Z
			2026-05-01T10:07:30Z, 2026-05-01T10:12:30Z
			2026-05-03T00:00:00Z, 2026-05-03T00:02:30Z
			""")
	void ticksAreAlignedToTheStart(Instant after, Instant expected) {
		assertThat(ScheduleExpression.parse("rate(5 minutes)").nextFireAfter(after, CONTEXT)).contains(expected);
	}

	@ParameterizedTest(name = "rate(5 minutes) from 10:02:30 at or before {0} -> {1}")
	@CsvSource(textBlock = """
			2026-05-01T10:02:30Z, 2026-05-01T10:02:30Z
			2026-05-01T10:07:29Z, 2026-05-01T10:02:30Z
			2026-05-01T10:07:30Z, 2026-05-01T10:07:30Z
			2026-05-03T00:00:00Z, 2026-05-02T23:57:30Z
			""")
	void latestTickIsOnTheSameGrid(Instant now, Instant expected) {
		assertThat(ScheduleExpression.parse("rate(5 minutes)").latestFireAtOrBefore(now, CONTEXT)).contains(expected);
	}

	@Test
	void nothingFiresBeforeTheStart() {
		assertThat(ScheduleExpression.parse("rate(5 minutes)")
			.latestFireAtOrBefore(Instant.parse("2026-05-01T10:02:29Z"), CONTEXT)).isEmpty();
	}

	@Test
	void aDayIsTwentyFourHoursEvenAcrossDaylightSaving() {
		// EventBridge Scheduler: rate(1 day) fires 24 hours after the last invocation, so
		// in
		// New York 09:00 EST becomes 10:00 EDT after the spring change.
		ScheduleContext newYork = new ScheduleContext(ZoneId.of("America/New_York"),
				Instant.parse("2026-03-07T14:00:00Z"));

		assertThat(
				ScheduleExpression.parse("rate(1 day)").nextFireAfter(Instant.parse("2026-03-07T14:00:00Z"), newYork))
			.contains(Instant.parse("2026-03-08T14:00:00Z"));
	}

	@Test
	void periodsOfEachUnit() {
		assertThat(new RateExpression(1, RateUnit.MINUTES).period()).isEqualTo(Duration.ofMinutes(1));
		assertThat(new RateExpression(12, RateUnit.HOURS).period()).isEqualTo(Duration.ofHours(12));
		assertThat(new RateExpression(2, RateUnit.DAYS).period()).isEqualTo(Duration.ofHours(48));
	}

	@Test
	void farTicksAreComputedNotCounted() {
		ScheduleContext since1970 = ScheduleContext.utc(Instant.EPOCH);

		assertThat(ScheduleExpression.parse("rate(1 minute)")
			.nextFireAfter(Instant.parse("2199-12-31T23:59:30Z"), since1970))
			.contains(Instant.parse("2200-01-01T00:00:00Z"));
	}

}
