package dev.aloft.schedule;

import java.time.Duration;
import java.util.Optional;

/**
 * The unit of a {@code rate} expression. A day is 24 hours, not a calendar day:
 * EventBridge Scheduler evaluates {@code rate(1 day)} 24 hours after the last invocation
 * even when a daylight-saving change makes the local day 23 or 25 hours long.
 */
public enum RateUnit {

	/** One minute, the smallest granularity EventBridge supports. */
	MINUTES(Duration.ofMinutes(1), "minute"),

	/** One hour. */
	HOURS(Duration.ofHours(1), "hour"),

	/** 24 hours. */
	DAYS(Duration.ofDays(1), "day");

	private final Duration duration;

	private final String singular;

	RateUnit(Duration duration, String singular) {
		this.duration = duration;
		this.singular = singular;
	}

	/**
	 * How long one unit lasts.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * The unit's word for a value, as EventBridge requires it: singular for 1, plural
	 * otherwise.
	 * @param value the value
	 * @return {@code minute} or {@code minutes}, and so on
	 */
	public String word(long value) {
		return (value == 1) ? this.singular : this.singular + "s";
	}

	/**
	 * Finds the unit a word names, in either number.
	 * @param word the word, e.g. {@code hours}
	 * @return the unit, or empty when the word names none
	 */
	static Optional<RateUnit> named(String word) {
		for (RateUnit unit : values()) {
			if (word.equals(unit.singular) || word.equals(unit.singular + "s")) {
				return Optional.of(unit);
			}
		}
		return Optional.empty();
	}

}
