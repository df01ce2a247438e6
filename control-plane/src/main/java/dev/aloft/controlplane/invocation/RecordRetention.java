package dev.aloft.controlplane.invocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
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

	private @Nullable ScheduledExecutorService timer;

	private volatile boolean running;

	RecordRetention(RecordStores stores, RecordsProperties properties, MeterRegistry meterRegistry) {
		this.stores = stores;
		this.properties = properties;
		this.deletedRecords = deleted(meterRegistry, "invocation-record");
		this.deletedLines = deleted(meterRegistry, "log-line");
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
		while (deleted >= chunk && this.running);
		return total;
	}

	private void purgeNow() {
		try {
			purge(this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete expired invocation records and logs: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		this.running = true;
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("records-retention").daemon().factory());
		long every = this.properties.retentionCheckInterval().toMillis();
		executor.scheduleWithFixedDelay(this::purgeNow, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
		this.timer = executor;
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService executor = this.timer;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
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
