package dev.aloft.router.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.aloft.contracts.config.EventInvokeConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Lambda's retry rules for asynchronous invocations.
 * <ul>
 * <li>A function error (the function ran and failed) is retried
 * {@code maximumRetryAttempts} times, after the configured delays (about 1 and 2 minutes
 * in Lambda); then the event fails with {@code RetriesExhausted}.</li>
 * <li>A throttle or platform error (the function did not run, or may not have) is retried
 * with exponential back-off (1 s doubling up to 5 minutes in Lambda), without counting as
 * an attempt.</li>
 * <li>Either way, a retry is never scheduled at or past the event's maximum age: the
 * event fails with {@code EventAgeExceeded} instead, as soon as that is certain.</li>
 * </ul>
 */
@Component
class RetryPolicy {

	private final List<Duration> functionErrorDelays;

	private final Duration backoffInitial;

	private final Duration backoffMax;

	RetryPolicy(DispatchProperties properties) {
		this.functionErrorDelays = properties.retry().functionErrorDelays();
		this.backoffInitial = properties.retry().backoffInitial();
		this.backoffMax = properties.retry().backoffMax();
	}

	/**
	 * Whether an event is too old to be attempted again.
	 */
	boolean expired(Instant enqueuedAt, Instant now, EventInvokeConfig config) {
		return !now.isBefore(deadline(enqueuedAt, config));
	}

	/**
	 * What to do after the function failed.
	 * @param attempts the attempts that reached the function so far, this one included
	 */
	Decision afterFunctionError(int attempts, Instant enqueuedAt, Instant now, EventInvokeConfig config) {
		if (attempts > Math.max(0, config.maximumRetryAttempts())) {
			return Decision.giveUp(DeadLetterReason.RETRIES_EXHAUSTED);
		}
		Duration delay = this.functionErrorDelays.get(Math.min(attempts, this.functionErrorDelays.size()) - 1);
		return retryBefore(now.plus(delay), enqueuedAt, config);
	}

	/**
	 * What to do after the function could not start (throttled, no capacity) or the
	 * platform failed.
	 * @param deferrals how many times in a row this has happened, this one included
	 */
	Decision afterDeferral(int deferrals, Instant enqueuedAt, Instant now, EventInvokeConfig config) {
		return retryBefore(now.plus(backoff(deferrals)), enqueuedAt, config);
	}

	/**
	 * The exponential back-off before the {@code times}-th retry of a deferral.
	 */
	Duration backoff(int times) {
		if (times <= 1) {
			return this.backoffInitial;
		}
		if (times > 40) {
			return this.backoffMax;
		}
		Duration delay = this.backoffInitial.multipliedBy(1L << Math.min(times - 1, 40));
		return (delay.compareTo(this.backoffMax) > 0) ? this.backoffMax : delay;
	}

	private Decision retryBefore(Instant retryAt, Instant enqueuedAt, EventInvokeConfig config) {
		if (!retryAt.isBefore(deadline(enqueuedAt, config))) {
			return Decision.giveUp(DeadLetterReason.EVENT_AGE_EXCEEDED);
		}
		return Decision.retryAt(retryAt);
	}

	private static Instant deadline(Instant enqueuedAt, EventInvokeConfig config) {
		return enqueuedAt.plusSeconds(config.maximumEventAgeSeconds());
	}

	/**
	 * Retry at a time, or give up for a reason.
	 *
	 * @param retryAt when to try again, when retrying
	 * @param reason why to give up, when not
	 */
	record Decision(@Nullable Instant retryAt, @Nullable DeadLetterReason reason) {

		static Decision retryAt(Instant at) {
			return new Decision(at, null);
		}

		static Decision giveUp(DeadLetterReason reason) {
			return new Decision(null, reason);
		}

	}

}
