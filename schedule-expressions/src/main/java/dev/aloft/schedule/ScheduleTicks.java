package dev.aloft.schedule;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A schedule's ticks: an expression bound to its zone and start, with the rule that
 * decides which tick to fire now.
 * <p>
 * The catch-up rule: when the router has been down, or has fallen behind, it fires the
 * most recent tick that is due, once, and skips the older ones. A {@code rate(1 minute)}
 * schedule that missed a day fires one event, not 1,440. Ticks are instants the schedule
 * names, not the wall-clock times at which they were fired, so a router that fires late
 * and records the tick it fired neither fires a tick twice nor drifts.
 * <p>
 * Typical use by the router: {@code dueTick(lastFired, now)} on each pass, firing and
 * recording the tick it returns; then wake again at {@code nextAfter(now)}.
 *
 * @param expression the schedule expression
 * @param context the zone and start of the schedule
 */
public record ScheduleTicks(ScheduleExpression expression, ScheduleContext context) {

	/**
	 * The first tick strictly after an instant.
	 * @param after the instant
	 * @return the tick, or empty when the schedule never fires again
	 */
	public Optional<Instant> nextAfter(Instant after) {
		return this.expression.nextFireAfter(after, this.context);
	}

	/**
	 * The single tick to fire now: the latest tick at or before {@code now} that is after
	 * the last one fired. Older missed ticks are skipped.
	 * @param lastFired the tick fired last (as returned here before), or null when the
	 * schedule has never fired
	 * @param now the current time
	 * @return the tick to fire, or empty when none is due
	 */
	public Optional<Instant> dueTick(@Nullable Instant lastFired, Instant now) {
		Optional<Instant> latest = this.expression.latestFireAtOrBefore(now, this.context);
		return (lastFired != null) ? latest.filter((tick) -> tick.isAfter(lastFired)) : latest;
	}

}
