package dev.aloft.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that a test sets or moves forward, so that nothing waits for time to pass.
 */
public final class SettableClock extends Clock {

	private volatile Instant now;

	/**
	 * A clock at the current time.
	 */
	public SettableClock() {
		this(Instant.now());
	}

	/**
	 * A clock at a given time.
	 * @param now the time
	 */
	public SettableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Sets the time.
	 * @param now the time
	 */
	public void set(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the time forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
