package dev.aloft.invoker.records;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Shipping invocation records and log lines to the control plane.
 *
 * @param enabled whether records and logs are kept at all
 * @param flushInterval the longest a record or line waits before it is sent
 * @param maxBatch the most records and lines one request carries (a full batch is sent at
 * once); within the control plane's own limits
 * @param bufferCapacity the most records and lines held while they wait, or while the
 * control plane is unavailable; beyond it the oldest log lines are dropped first
 * @param bufferMemory the most memory the waiting log lines' text may take; beyond it the
 * oldest lines are dropped
 * @param maxLineLength the longest log line kept, in characters, the mark of the cut
 * included
 * @param retryDelay the first wait before sending again after a failure; it doubles with
 * every further failure
 * @param maxRetryDelay the longest wait between attempts
 * @param shutdownTimeout how long stopping may take to send what is still buffered
 */
@Validated
@ConfigurationProperties("aloft.invoker.records")
record RecordsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration flushInterval,
		@DefaultValue("500") @Positive @Max(1000) int maxBatch, @DefaultValue("10000") @Positive int bufferCapacity,
		@DefaultValue("16MB") DataSize bufferMemory, @DefaultValue("16384") @Min(256) @Max(65000) int maxLineLength,
		@DefaultValue("500ms") Duration retryDelay, @DefaultValue("30s") Duration maxRetryDelay,
		@DefaultValue("5s") Duration shutdownTimeout) {

	RecordsProperties {
		requirePositive(flushInterval, "flush-interval");
		requirePositive(retryDelay, "retry-delay");
		requirePositive(shutdownTimeout, "shutdown-timeout");
		if (maxRetryDelay.compareTo(retryDelay) < 0) {
			throw new IllegalArgumentException("max-retry-delay must be at least retry-delay");
		}
		if (maxBatch > bufferCapacity) {
			throw new IllegalArgumentException("max-batch must not exceed buffer-capacity");
		}
		if (bufferMemory.toBytes() < 2L * maxLineLength) {
			throw new IllegalArgumentException("buffer-memory must hold at least one line of max-line-length");
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
