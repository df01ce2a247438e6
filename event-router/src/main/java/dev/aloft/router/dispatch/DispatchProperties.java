package dev.aloft.router.dispatch;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the queue is worked.
 *
 * @param workers the most events this router dispatches at once (each on a virtual
 * thread)
 * @param batchSize the most rows one claim takes
 * @param pollInterval how often to look for due work when nothing woke the router up
 * @param leaseDuration how long a claim lasts without renewal; claims are renewed every
 * third of it while their dispatch runs, and a claim that expired (its router died) is
 * returned to the queue, so this bounds how late a crashed router's events are retried
 * @param drainTimeout how long a stopping router waits for dispatches in flight
 * @param maxPayloadSize the largest event accepted (Lambda's asynchronous limit, 1 MB)
 * @param retention how long finished rows are kept: the window in which an idempotency
 * key is remembered and an invocation's status can be read
 * @param retry how failed attempts are retried
 * @param delivery how destination records are delivered
 */
@Validated
@ConfigurationProperties("aloft.event-router.dispatch")
record DispatchProperties(@DefaultValue("64") @Positive int workers, @DefaultValue("32") @Positive int batchSize,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("30s") Duration leaseDuration,
		@DefaultValue("20s") Duration drainTimeout, @DefaultValue("1MB") DataSize maxPayloadSize,
		@DefaultValue("1d") Duration retention, @DefaultValue @Valid Retry retry,
		@DefaultValue @Valid Delivery delivery) {

	DispatchProperties {
		requirePositive("poll-interval", pollInterval);
		requirePositive("lease-duration", leaseDuration);
		requirePositive("retention", retention);
		if (leaseDuration.toMillis() < 30) {
			throw new IllegalArgumentException("lease-duration must be at least 30ms: it is renewed every third of it");
		}
		if (maxPayloadSize.toBytes() <= 0 || maxPayloadSize.toBytes() > Integer.MAX_VALUE - 1) {
			throw new IllegalArgumentException("max-payload-size must be positive and below 2 GB");
		}
	}

	/**
	 * How often claims are renewed and expired claims looked for.
	 */
	Duration leaseRenewal() {
		return this.leaseDuration.dividedBy(3);
	}

	static void requirePositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	/**
	 * How failed attempts are retried, as Lambda does.
	 *
	 * @param functionErrorDelays the wait before each retry after a function error: the
	 * first before the 2nd attempt, the second before the 3rd (the last repeats); Lambda
	 * waits about 1 and 2 minutes
	 * @param backoffInitial the first wait after a throttle or platform error (the
	 * function did not run); it doubles each time
	 * @param backoffMax the longest wait after a throttle or platform error
	 */
	record Retry(@DefaultValue( {
			"1m", "2m" }) @NotEmpty List<Duration> functionErrorDelays, @DefaultValue("1s") Duration backoffInitial,
			@DefaultValue("5m") Duration backoffMax){

		Retry {
			functionErrorDelays = List.copyOf(functionErrorDelays);
			if (functionErrorDelays.isEmpty()) {
				throw new IllegalArgumentException("function-error-delays must name at least one delay");
			}
			functionErrorDelays.forEach((delay) -> {
				if (delay.isNegative()) {
					throw new IllegalArgumentException("function-error-delays must not be negative");
				}
			});
			requirePositive("backoff-initial", backoffInitial);
			if (backoffMax.compareTo(backoffInitial) < 0) {
				throw new IllegalArgumentException("backoff-max must be at least backoff-initial");
			}
		}

	}

	/**
	 * How destination records are delivered.
	 *
	 * @param timeout how long one call of a webhook destination ({@code http://} and
	 * {@code https://} addresses), or of an SQS queue or S3 bucket destination's server,
	 * may take
	 * @param maxAttempts how many failed attempts (a webhook answering an error or not at
	 * all; an SQS or S3 server refusing the record or unreachable; a destination function
	 * this router cannot see yet) before the record goes to the dead-letter store;
	 * retries back off as after throttles
	 */
	record Delivery(@DefaultValue("10s") Duration timeout, @DefaultValue("5") @Positive int maxAttempts) {

		Delivery {
			requirePositive("delivery.timeout", timeout);
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("delivery.max-attempts must be at least 1");
			}
		}

	}

}
