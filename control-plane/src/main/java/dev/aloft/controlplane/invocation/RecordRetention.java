package dev.aloft.controlplane.invocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

import dev.aloft.controlplane.system.PeriodicJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps records and logs for {@code aloft.control-plane.records.retention}: every
 * {@code retention-check-interval} it deletes older rows, a bounded chunk per statement
 * (each its own transaction), so a large backlog never holds long locks. Several replicas
 * may do this at once; they only delete the same rows.
 */
@Component
class RecordRetention implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RecordRetention.class);

	/**
	 * How long batch keys are remembered: a sender repeats a batch within seconds of
	 * losing its answer, not days.
	 */
	static final Duration BATCH_KEY_RETENTION = Duration.ofDays(1);

	private final RecordStores stores;

	private final RecordsProperties properties;

	private final Counter deletedRecords;

	private final Counter deletedLines;

	private final Clock clock = Clock.systemUTC();

	private final PeriodicJob timer;

	RecordRetention(RecordStores stores, RecordsProperties properties, MeterRegistry meterRegistry) {
		this.stores = stores;
		this.properties = properties;
		this.deletedRecords = deleted(meterRegistry, "invocation-record");
		this.deletedLines = deleted(meterRegistry, "log-line");
		this.timer = new PeriodicJob("records-retention", logger,
				"Could not delete expired invocation records and logs", () -> purge(this.clock.instant()));
	}

	private static Counter deleted(MeterRegistry meterRegistry, String kind) {
		return Counter.builder("aloft.records.expired")
			.description("Invocation records and log lines deleted after the retention period")
			.tag("kind", kind)
			.register(meterRegistry);
	}

	/**
	 * Deletes everything older than the retention period.
	 * @param now the current time
	 * @return what was deleted
	 */
	Purged purge(Instant now) {
		Instant cutoff = now.minus(this.properties.retention());
		int chunk = this.properties.deleteChunk();
		int records = deleteAll(() -> this.stores.records().deleteStartedBefore(cutoff, chunk), chunk);
		int lines = deleteAll(() -> this.stores.logs().deleteLoggedBefore(cutoff, chunk), chunk);
		Duration keyRetention = (this.properties.retention().compareTo(BATCH_KEY_RETENTION) < 0)
				? this.properties.retention() : BATCH_KEY_RETENTION;
		deleteAll(() -> this.stores.received().deleteReceivedBefore(now.minus(keyRetention), chunk), chunk);
		this.deletedRecords.increment(records);
		this.deletedLines.increment(lines);
		if (records > 0 || lines > 0) {
			logger.debug("Deleted {} invocation records and {} log lines older than {}", records, lines, cutoff);
		}
		return new Purged(records, lines);
	}

	/**
	 * Repeats a chunked delete until a chunk comes back short, or the service stops.
	 */
	private int deleteAll(IntSupplier deleteChunk, int chunk) {
		int total = 0;
		int deleted;
		do {
			deleted = deleteChunk.getAsInt();
			total += deleted;
		}
		while (deleted >= chunk && this.timer.running());
		return total;
	}

	@Override
	public void start() {
		this.timer.start(this.properties.retentionCheckInterval(), Duration.ofMinutes(1));
	}

	@Override
	public void stop() {
		this.timer.stop();
	}

	@Override
	public boolean isRunning() {
		return this.timer.running();
	}

	/**
	 * What one purge deleted.
	 *
	 * @param records invocation records
	 * @param lines log lines
	 */
	record Purged(int records, int lines) {
	}

}
