package dev.aloft.controlplane.configfeed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.aloft.controlplane.system.PeriodicJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compacts the feed. The feed already keeps one row per resource, its latest change; what
 * piles up are the tombstones of deleted resources. Every
 * {@code aloft.control-plane.feed.compaction-interval} this removes the tombstones
 * written more than {@code tombstone-retention} ago and moves the compaction horizon
 * ({@code config_revision.compacted_revision}) up to them, in one transaction. A follower
 * that asks for the changes after a revision below the horizon could miss a deletion, so
 * it is answered {@code 410 REVISION_GONE} and reloads the snapshot.
 * <p>
 * The feed does not record when a revision was written, so this remembers which revision
 * was current at each of its runs, and takes as the horizon the newest revision that was
 * current a retention ago. After a restart nothing is compacted until a retention has
 * passed. Several replicas may compact at once: the horizon only moves up.
 */
@Component
class FeedCompaction implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FeedCompaction.class);

	private final JdbcClient jdbc;

	private final ConfigRevisions revisions;

	private final ConfigFeedProperties properties;

	private final TransactionTemplate transaction;

	private final Counter removed;

	private final Clock clock = Clock.systemUTC();

	/** The revision current at each run, oldest first. */
	private final Deque<Observed> observed = new ArrayDeque<>();

	private final PeriodicJob timer;

	FeedCompaction(JdbcClient jdbc, ConfigRevisions revisions, ConfigFeedProperties properties,
			PlatformTransactionManager transactionManager, MeterRegistry meterRegistry) {
		this.jdbc = jdbc;
		this.revisions = revisions;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactionManager);
		this.removed = Counter.builder("aloft.config.tombstones.compacted")
			.description("Tombstones of deleted resources removed from the configuration feed")
			.register(meterRegistry);
		this.timer = new PeriodicJob("feed-compaction", logger, "Could not compact the configuration feed",
				() -> compact(this.clock.instant()));
	}

	/**
	 * Notes the current revision, and compacts up to the newest revision that was current
	 * a retention before {@code now}.
	 * @param now the current time
	 * @return the tombstones removed
	 */
	synchronized int compact(Instant now) {
		Observed last = this.observed.peekLast();
		if (last == null || now.isAfter(last.at())) {
			// The samples stay in time order even if the clock steps back.
			this.observed.addLast(new Observed(now, this.revisions.current()));
		}
		Instant cutoff = now.minus(this.properties.tombstoneRetention());
		Observed horizon = null;
		while (!this.observed.isEmpty() && !this.observed.peekFirst().at().isAfter(cutoff)) {
			horizon = this.observed.removeFirst();
		}
		if (horizon == null) {
			return 0;
		}
		// What is older than the horizon is covered by it; keep it as the oldest sample.
		this.observed.addFirst(horizon);
		return compactTo(horizon.revision());
	}

	/**
	 * Removes the tombstones up to a revision and raises the horizon to it.
	 * @param revision the new horizon
	 * @return the tombstones removed
	 */
	int compactTo(long revision) {
		Integer deleted = this.transaction.execute((status) -> {
			int raised = this.jdbc
				.sql("UPDATE config_revision SET compacted_revision = :revision"
						+ " WHERE id = 1 AND compacted_revision < :revision")
				.param("revision", revision)
				.update();
			if (raised == 0) {
				return 0;
			}
			return this.jdbc.sql("DELETE FROM config_resource WHERE payload IS NULL AND revision <= :revision")
				.param("revision", revision)
				.update();
		});
		int count = (deleted != null) ? deleted : 0;
		this.removed.increment(count);
		if (count > 0) {
			logger.debug("Compacted the configuration feed up to revision {}: {} tombstones removed", revision, count);
		}
		return count;
	}

	@Override
	public void start() {
		// At once: a feed left long by an earlier run is compacted on start.
		this.timer.start(this.properties.compactionInterval(), Duration.ZERO);
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
	 * The revision that was current at a time.
	 */
	private record Observed(Instant at, long revision) {
	}

}
