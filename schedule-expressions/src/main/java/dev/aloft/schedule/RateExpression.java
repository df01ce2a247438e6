package dev.aloft.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code rate(value unit)}: fires every {@code value} units, on a grid anchored at the
 * schedule's {@link ScheduleContext#start() start}. Ticks are {@code start + k * period}
 * for k = 0, 1, 2, ...; the first is the start itself, as EventBridge Scheduler starts a
 * rate schedule at its {@code StartDate} (or at once when there is none). The period is a
 * fixed duration, so the time zone and daylight-saving changes do not move the grid.
 *
 * @param value how many units between ticks, at least 1
 * @param unit the unit
 */
public record RateExpression(long value, RateUnit unit) implements ScheduleExpression {

	/**
	 * Creates the expression.
	 * @param value how many units between ticks, at least 1
	 * @param unit the unit
	 */
	public RateExpression {
		if (value < 1) {
			throw new InvalidScheduleExpressionException("rate(): value must be at least 1, found " + value);
		}
	}

	static RateExpression parse(String text, String body) {
		String[] parts = body.strip().split("\\s+");
		if (parts.length != 2) {
			throw new InvalidScheduleExpressionException(
					"rate(): expected a value and a unit, such as rate(5 minutes), found "
							+ InvalidScheduleExpressionException.quote(body));
		}
		long value = value(parts[0]);
		String word = parts[1];
		RateUnit unit = RateUnit.named(word)
			.orElseThrow(() -> new InvalidScheduleExpressionException(
					"rate(): unit must be minute(s), hour(s) or day(s), found "
							+ InvalidScheduleExpressionException.quote(word)));
		if (!word.equals(unit.word(value))) {
			// EventBridge rejects "rate(1 minutes)" and "rate(5 minute)".
			String rule = (value == 1) ? "use the singular unit with a value of 1"
					: "use the plural unit with a value greater than 1";
			throw new InvalidScheduleExpressionException(text + ": " + rule);
		}
		return new RateExpression(value, unit);
	}

	private static long value(String text) {
		if (!text.chars().allMatch(Character::isDigit)) {
			throw new InvalidScheduleExpressionException("rate(): value must be a positive whole number, found "
					+ InvalidScheduleExpressionException.quote(text));
		}
		// Ten digits of minutes is already some 19,000 years: anything longer is a typo.
		if (text.length() > 10) {
			throw new InvalidScheduleExpressionException("rate(): value " + text + " is too large");
		}
		long value = Long.parseLong(text);
		if (value < 1) {
			throw new InvalidScheduleExpressionException("rate(): value must be at least 1, found " + value);
		}
		return value;
	}

	/**
	 * The time between ticks.
	 * @return {@code value} units
	 */
	public Duration period() {
		return this.unit.duration().multipliedBy(this.value);
	}

	@Override
	public String expression() {
		return "rate(" + this.value + " " + this.unit.word(this.value) + ")";
	}

	@Override
	public Optional<Instant> nextFireAfter(Instant after, ScheduleContext context) {
		Instant start = context.start();
		if (after.isBefore(start)) {
			return Optional.of(start);
		}
		long ticksSoFar = Duration.between(start, after).dividedBy(period());
		return Optional.of(start.plus(period().multipliedBy(ticksSoFar + 1)));
	}

	@Override
	public Optional<Instant> latestFireAtOrBefore(Instant now, ScheduleContext context) {
		Instant start = context.start();
		if (now.isBefore(start)) {
			return Optional.empty();
		}
		long ticksSoFar = Duration.between(start, now).dividedBy(period());
		return Optional.of(start.plus(period().multipliedBy(ticksSoFar)));
	}

	@Override
	public String toString() {
		return expression();
	}

}
