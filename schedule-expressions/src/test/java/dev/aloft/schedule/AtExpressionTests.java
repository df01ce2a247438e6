package dev.aloft.schedule;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AtExpressionTests {

	private static final ScheduleExpression AT = ScheduleExpression.parse("at(2027-03-14T09:30:00)");

	private static final ScheduleContext UTC = ScheduleContext.utc(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void firesOnceAtItsTime() {
		Instant fireTime = Instant.parse("2027-03-14T09:30:00Z");

		assertThat(AT.nextFireAfter(Instant.parse("2026-06-01T00:00:00Z"), UTC)).contains(fireTime);
		assertThat(AT.nextFireAfter(fireTime.minusNanos(1), UTC)).contains(fireTime);
		assertThat(AT.nextFireAfter(fireTime, UTC)).isEmpty();
		assertThat(AT.nextFireAfter(Instant.parse("2030-01-01T00:00:00Z"), UTC)).isEmpty();
	}

	@Test
	void isDueFromItsTimeOn() {
		Instant fireTime = Instant.parse("2027-03-14T09:30:00Z");

		assertThat(AT.latestFireAtOrBefore(fireTime.minusSeconds(1), UTC)).isEmpty();
		assertThat(AT.latestFireAtOrBefore(fireTime, UTC)).contains(fireTime);
		assertThat(AT.latestFireAtOrBefore(Instant.parse("2030-01-01T00:00:00Z"), UTC)).contains(fireTime);
	}

	@Test
	void isReadInTheSchedulesZone() {
		// 2027-03-14 is also the day New York moves to EDT (UTC-4), before 09:30.
		ScheduleContext newYork = new ScheduleContext(ZoneId.of("America/New_York"), UTC.start());

		assertThat(AT.nextFireAfter(UTC.start(), newYork)).contains(Instant.parse("2027-03-14T13:30:00Z"));
	}

	@Test
	void ignoresTheStartAsEventBridgeDoesForOneTimeSchedules() {
		ScheduleContext startingLater = ScheduleContext.utc(Instant.parse("2028-01-01T00:00:00Z"));

		assertThat(AT.nextFireAfter(Instant.parse("2026-06-01T00:00:00Z"), startingLater))
			.contains(Instant.parse("2027-03-14T09:30:00Z"));
	}

	@Test
	void aSkippedLocalTimeFiresWhenTheClockJumpsPastIt() {
		// 02:30 does not exist on 2026-03-08 in New York; the clock jumps from 02:00 EST
		// to 03:00 EDT.
		ScheduleContext newYork = new ScheduleContext(ZoneId.of("America/New_York"), UTC.start());

		assertThat(ScheduleExpression.parse("at(2026-03-08T02:30:00)").nextFireAfter(UTC.start(), newYork))
			.contains(Instant.parse("2026-03-08T07:00:00Z"));
	}

	@Test
	void aRepeatedLocalTimeFiresAtItsFirstOccurrence() {
		ScheduleContext newYork = new ScheduleContext(ZoneId.of("America/New_York"), UTC.start());

		assertThat(ScheduleExpression.parse("at(2026-11-01T01:30:00)").nextFireAfter(UTC.start(), newYork))
			.contains(Instant.parse("2026-11-01T05:30:00Z"));
	}

}
