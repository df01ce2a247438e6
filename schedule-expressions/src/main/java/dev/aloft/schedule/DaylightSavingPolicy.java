package dev.aloft.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Turns the local times an expression names into instants when the zone's clock jumps.
 * <p>
 * Recurring ({@code cron}) schedules follow EventBridge Scheduler: "When the time shifts
 * forward in Spring, your schedule invocation gets skipped if the cron expression falls
 * on a non-existent date and time. When the time shifts back in the Fall, your schedule
 * runs only once and doesn't repeat its invocation." So a local time in a gap does not
 * fire, and a local time in an overlap fires at its first occurrence only.
 * <p>
 * A one-time ({@code at}) schedule would never fire if its time were skipped, and AWS
 * does not document that case, so a local time in a gap fires at the first instant after
 * the gap (the transition); one in an overlap fires at its first occurrence, as for
 * {@code cron}.
 *
 * @see <a href="https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst">How
 * can I adjust my Amazon EventBridge schedule for daylight saving?</a>
 * @see <a href=
 * "https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time">Daylight
 * savings time on EventBridge Scheduler</a>
 */
final class DaylightSavingPolicy {

	private DaylightSavingPolicy() {
	}

	/**
	 * When a recurring schedule fires for a local time.
	 * @param local the local time the expression names
	 * @param zone the schedule's zone
	 * @return the instant, or empty when the clock skips that local time
	 */
	static Optional<Instant> recurring(LocalDateTime local, ZoneId zone) {
		ZoneOffsetTransition transition = zone.getRules().getTransition(local);
		if (transition != null && transition.isGap()) {
			return Optional.empty();
		}
		return Optional.of(local.atZone(zone).withEarlierOffsetAtOverlap().toInstant());
	}

	/**
	 * When a one-time schedule fires for its local time.
	 * @param local the local time the expression names
	 * @param zone the schedule's zone
	 * @return the instant
	 */
	static Instant oneTime(LocalDateTime local, ZoneId zone) {
		ZoneOffsetTransition transition = zone.getRules().getTransition(local);
		if (transition != null && transition.isGap()) {
			return transition.getInstant();
		}
		return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
	}

	/**
	 * The latest local time the zone's clock has shown at or before an instant. That is
	 * the local time of the instant, except while the clock repeats an hour after being
	 * set back: then the local times up to the change have already been shown once.
	 * @param instant the instant
	 * @param zone the zone
	 * @return the latest local time shown so far
	 */
	static LocalDateTime latestLocalTimeShownBy(Instant instant, ZoneId zone) {
		LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
		ZoneOffsetTransition previous = zone.getRules().previousTransition(instant.plusNanos(1));
		if (previous != null && previous.isOverlap() && previous.getDateTimeBefore().isAfter(local)) {
			return previous.getDateTimeBefore().minusNanos(1);
		}
		return local;
	}

}
