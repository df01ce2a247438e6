package dev.aloft.schedule;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up rule: after downtime a schedule fires once, for its most recent due tick.
 */
class ScheduleTicksTests {

	private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");

	@Test
	void afterADayOfDowntimeAMinuteRateFiresOnceForTheLatestTick() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("rate(1 minute)"), ScheduleContext.utc(START));
		Instant lastFired = Instant.parse("2026-05-01T00:10:00Z");
		Instant now = Instant.parse("2026-05-02T03:04:30Z");

		assertThat(ticks.dueTick(lastFired, now)).contains(Instant.parse("2026-05-02T03:04:00Z"));
		assertThat(ticks.dueTick(Instant.parse("2026-05-02T03:04:00Z"), now)).isEmpty();
		assertThat(ticks.nextAfter(now)).contains(Instant.parse("2026-05-02T03:05:00Z"));
	}

	@Test
	void afterDaysOfDowntimeADailyCronFiresOnceForTheLatestMorning() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("cron(0 9 * * ? *)"),
				new ScheduleContext(ZoneId.of("Europe/Berlin"), START));
		Instant lastFired = Instant.parse("2026-05-01T07:00:00Z");

		assertThat(ticks.dueTick(lastFired, Instant.parse("2026-05-04T06:59:00Z")))
			.contains(Instant.parse("2026-05-03T07:00:00Z"));
		assertThat(ticks.dueTick(lastFired, Instant.parse("2026-05-04T07:00:00Z")))
			.contains(Instant.parse("2026-05-04T07:00:00Z"));
	}

	@Test
	void firingEachDueTickOnTimeMissesNone() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("cron(0/15 * * * ? *)"),
				ScheduleContext.utc(START));
		Instant lastFired = null;
		int fired = 0;
		for (Instant now = START; now.isBefore(START.plusSeconds(3600)); now = now.plusSeconds(20)) {
			Instant due = ticks.dueTick(lastFired, now).orElse(null);
			if (due != null) {
				assertThat(due).isAfterOrEqualTo(now.minusSeconds(20)).isBeforeOrEqualTo(now);
				lastFired = due;
				fired++;
			}
		}

		assertThat(fired).isEqualTo(4);
		assertThat(lastFired).isEqualTo(Instant.parse("2026-05-01T00:45:00Z"));
	}

	@Test
	void nothingIsDueBetweenTicks() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("rate(1 hour)"), ScheduleContext.utc(START));

		assertThat(ticks.dueTick(START, Instant.parse("2026-05-01T00:59:59Z"))).isEmpty();
	}

	@Test
	void aNewRateScheduleIsDueAtOnce() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("rate(5 minutes)"),
				ScheduleContext.utc(START));

		assertThat(ticks.dueTick(null, START)).contains(START);
	}

	@Test
	void aNewCronScheduleWaitsForItsFirstTickAfterTheStart() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("cron(0 12 * * ? *)"),
				ScheduleContext.utc(Instant.parse("2026-05-01T13:00:00Z")));

		assertThat(ticks.dueTick(null, Instant.parse("2026-05-01T13:00:00Z"))).isEmpty();
		assertThat(ticks.nextAfter(Instant.parse("2026-05-01T13:00:00Z")))
			.contains(Instant.parse("2026-05-02T12:00:00Z"));
	}

	@Test
	void aOneTimeScheduleMissedDuringDowntimeFiresOnceWhenTheRouterReturns() {
		ScheduleTicks ticks = new ScheduleTicks(ScheduleExpression.parse("at(2026-05-01T12:00:00)"),
				ScheduleContext.utc(START));
		Instant fireTime = Instant.parse("2026-05-01T12:00:00Z");

		assertThat(ticks.dueTick(null, Instant.parse("2026-05-03T00:00:00Z"))).contains(fireTime);
		assertThat(ticks.dueTick(fireTime, Instant.parse("2026-05-03T00:00:00Z"))).isEmpty();
		assertThat(ticks.nextAfter(fireTime)).isEmpty();
	}

}
