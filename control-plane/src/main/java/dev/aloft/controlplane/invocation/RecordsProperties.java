package dev.aloft.controlplane.invocation;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Invocation records and function logs.
 *
 * @param retention how long records and log lines are kept
 * @param retentionCheckInterval how often expired rows are deleted
 * @param deleteChunk the most rows one delete statement removes, so a large backlog never
 * holds long locks
 * @param maxBatchRecords the most invocation records one batch may carry (413 beyond)
 * @param maxBatchLines the most log lines one batch may carry (413 beyond)
 * @param maxBatchSize the largest batch body accepted (413 beyond)
 * @param maxLineLength the longest log line kept, in characters; longer lines are cut and
 * marked
 * @param followPollInterval how often a live log stream looks for lines stored by another
 * control-plane replica (lines stored by this one wake it at once)
 * @param followTimeout how long one live log stream stays open; clients reconnect with
 * {@code Last-Event-ID}
 * @param followHeartbeat how often an idle live log stream sends a comment, which also
 * notices clients that went away
 * @param maxFollowers the most live log streams open at once
 */
@Validated
@ConfigurationProperties("aloft.control-plane.records")
record RecordsProperties(@DefaultValue("7d") Duration retention, @DefaultValue("5m") Duration retentionCheckInterval,
		@DefaultValue("5000") @Positive int deleteChunk, @DefaultValue("1000") @Positive int maxBatchRecords,
		@DefaultValue("10000") @Positive int maxBatchLines, @DefaultValue("32MB") DataSize maxBatchSize,
		@DefaultValue("16384") @Min(256) @Max(MAX_LINE_LENGTH_LIMIT) int maxLineLength,
		@DefaultValue("250ms") Duration followPollInterval, @DefaultValue("30m") Duration followTimeout,
		@DefaultValue("15s") Duration followHeartbeat, @DefaultValue("200") @Positive int maxFollowers) {

	/**
	 * The largest {@code max-line-length}: the column holds 65,536 characters, the cut
	 * line's marker included.
	 */
	static final int MAX_LINE_LENGTH_LIMIT = 65_000;

	RecordsProperties {
		requirePositive(retention, "retention");
		requirePositive(retentionCheckInterval, "retention-check-interval");
		requirePositive(followPollInterval, "follow-poll-interval");
		requirePositive(followTimeout, "follow-timeout");
		requirePositive(followHeartbeat, "follow-heartbeat");
		if (maxBatchSize.toBytes() <= 0) {
			throw new IllegalArgumentException("max-batch-size must be positive");
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
