package dev.aloft.schedule;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An EventBridge schedule expression: {@code rate(value unit)}, six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)} or one-time
 * {@code at(yyyy-mm-ddThh:mm:ss)}.
 * <p>
 * Fire times are whole minutes for {@code cron} (its seconds are always 0); EventBridge
 * Scheduler invokes within the minute, so callers may fire a tick any time in the minute
 * that starts at it.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html">Schedule
 * types on EventBridge Scheduler</a>
 * @see <a href=
 * "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html">Cron
 * expressions reference</a>
 */
public sealed interface ScheduleExpression permits RateExpression, CronExpression, AtExpression {

	/**
	 * Parses and validates an expression as EventBridge Scheduler accepts it. Whitespace
	 * around the expression is ignored.
	 * @param expression the expression, as the user wrote it; null is reported as missing
	 * @return the expression
	 * @throws InvalidScheduleExpressionException when EventBridge would reject it; the
	 * message says what is wrong and where
	 */
	static ScheduleExpression parse(@Nullable String expression) {
		if (expression == null) {
			throw unrecognized("is missing");
		}
		String text = expression.strip();
		if (text.isEmpty()) {
			throw unrecognized("is empty");
		}
		if (text.startsWith("rate(")) {
			return RateExpression.parse(text, body(text, "rate("));
		}
		if (text.startsWith("cron(")) {
			return CronExpression.parse(text, body(text, "cron("));
		}
		if (text.startsWith("at(")) {
			return AtExpression.parse(body(text, "at("));
		}
		throw unrecognized(InvalidScheduleExpressionException.quote(text) + " is not valid");
	}

	private static InvalidScheduleExpressionException unrecognized(String problem) {
		return new InvalidScheduleExpressionException("schedule expression " + problem + "; expected rate(value unit), "
				+ "cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)");
	}

	private static String body(String text, String opening) {
		if (!text.endsWith(")")) {
			throw new InvalidScheduleExpressionException(opening + "): missing ')' at the end");
		}
		return text.substring(opening.length(), text.length() - 1);
	}

	/**
	 * The expression's text, which parses back to an equal expression: {@code rate} and
	 * {@code at} in their canonical spelling, {@code cron} as written.
	 * @return the text
	 */
	String expression();

	/**
	 * When the schedule next fires, strictly after an instant.
	 * @param after the instant, typically the tick that fired last or now
	 * @param context the zone and start of the schedule
	 * @return the next fire time, or empty when the schedule never fires again (an
	 * {@code at} that has passed, a {@code cron} whose years are over)
	 */
	Optional<Instant> nextFireAfter(Instant after, ScheduleContext context);

	/**
	 * The most recent time the schedule fired, at or before an instant: the tick that is
	 * due at {@code now}. This is what catch-up after downtime fires (once, not once per
	 * missed tick); see {@link ScheduleTicks#dueTick(Instant, Instant)}.
	 * @param now the instant
	 * @param context the zone and start of the schedule
	 * @return the latest fire time at or before {@code now} (and not before the start for
	 * recurring schedules), or empty when there is none
	 */
	Optional<Instant> latestFireAtOrBefore(Instant now, ScheduleContext context);

}
