package dev.aloft.controlplane.function;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.aloft.controlplane.function.CodeContentDeletions.Pending;
import dev.aloft.controlplane.system.PeriodicJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Collects code artifacts: every {@code aloft.control-plane.code.gc.interval} it deletes
 * those no function ({@code $LATEST}) and no published version references and no upload
 * used within the grace period ({@code last_used_at}), then their bytes.
 * <p>
 * Uploads that reuse an artifact mark it used in a transaction of their own before they
 * write the function row that references it (see {@link CodeArtifactStore}), so the grace
 * period keeps an artifact between that check and that commit. The foreign keys from
 * functions and versions stay as a safety net: a delete they refuse is skipped.
 * <p>
 * Each artifact's row is deleted in a short transaction of its own, by a statement that
 * checks everything again, so several control planes may collect at once: one deletes the
 * row, the others delete nothing. The row goes first, committed, and the bytes after, so
 * no row ever names missing bytes; bytes in an object store are listed in
 * {@link CodeContentDeletions} until they are deleted, and deletions that fail are
 * retried on the next run.
 */
@Component
class CodeArtifactCollection implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CodeArtifactCollection.class);

	private static final Duration LONGEST_FIRST_DELAY = Duration.ofMinutes(1);

	/** The artifact ({@code code_artifact} in the statement) is referenced by nothing. */
	private static final String UNREFERENCED = " NOT EXISTS (SELECT 1 FROM function_definition f"
			+ " WHERE f.code_sha256 = code_artifact.sha256) AND NOT EXISTS (SELECT 1 FROM function_version v"
			+ " WHERE v.code_sha256 = code_artifact.sha256)";

	private final JdbcClient jdbc;

	private final CodeContentStore contentStore;

	private final CodeContentDeletions deletions;

	private final CodeCollectionProperties properties;

	private final TransactionTemplate transaction;

	private final Counter collected;

	private final Counter freed;

	private final Clock clock = Clock.systemUTC();

	private final PeriodicJob timer;

	CodeArtifactCollection(JdbcClient jdbc, CodeContentStore contentStore, CodeContentDeletions deletions,
			CodeCollectionProperties properties, PlatformTransactionManager transactionManager,
			MeterRegistry meterRegistry) {
		this.jdbc = jdbc;
		this.contentStore = contentStore;
		this.deletions = deletions;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactionManager);
		this.collected = Counter.builder("aloft.code.artifacts.collected")
			.description("Code artifacts deleted because no function or version referenced them")
			.register(meterRegistry);
		this.freed = Counter.builder("aloft.code.artifacts.freed")
			.description("Bytes of collected code artifacts deleted from their store")
			.baseUnit("bytes")
			.register(meterRegistry);
		this.timer = new PeriodicJob("code-collection", logger, "Could not collect unused code artifacts",
				() -> collect(this.clock.instant()));
	}

	/**
	 * Deletes the bytes earlier runs left, then every artifact unreferenced and unused
	 * for the grace period before {@code now}, a batch at a time.
	 * @param now the current time
	 * @return what was deleted
	 */
	Collected collect(Instant now) {
		OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.minus(this.properties.gracePeriod()), ZoneOffset.UTC);
		Run run = new Run();
		for (Pending pending : this.deletions.oldest(this.properties.batchSize())) {
			deleteBytes(pending, run);
		}
		boolean more;
		do {
			int before = run.artifacts;
			List<Candidate> batch = candidates(cutoff);
			for (Candidate candidate : batch) {
				collect(candidate, cutoff, now, run);
			}
			// A full batch may have more behind it; but if it collected nothing, the next
			// query would only find the same artifacts, which turned out to be in use.
			more = batch.size() >= this.properties.batchSize() && run.artifacts > before && this.timer.running();
		}
		while (more);
		if (run.artifacts > 0 || run.bytes > 0) {
			logger.info("Collected {} code artifacts unused since {}, freeing {} bytes", run.artifacts,
					cutoff.toInstant(), run.bytes);
		}
		return new Collected(run.artifacts, run.bytes);
	}

	/**
	 * Artifacts that look collectable; each is checked again as it is deleted.
	 */
	private List<Candidate> candidates(OffsetDateTime cutoff) {
		return this.jdbc
			.sql("SELECT sha256, size_bytes, location FROM code_artifact WHERE last_used_at < :cutoff AND"
					+ UNREFERENCED + " ORDER BY last_used_at LIMIT :limit")
			.param("cutoff", cutoff)
			.param("limit", this.properties.batchSize())
			.query((rs, rowNum) -> new Candidate(rs.getString("sha256"), rs.getLong("size_bytes"),
					rs.getString("location")))
			.list();
	}

	private void collect(Candidate candidate, OffsetDateTime cutoff, Instant now, Run run) {
		Boolean deleted;
		try {
			deleted = this.transaction.execute((status) -> {
				int rows = this.jdbc
					.sql("DELETE FROM code_artifact WHERE sha256 = :sha256 AND last_used_at < :cutoff AND"
							+ UNREFERENCED)
					.param("sha256", candidate.sha256())
					.param("cutoff", cutoff)
					.update();
				// The row deleted is the candidate read: a row stored again since would
				// have been used after the cutoff.
				Pending elsewhere = candidate.bytesElsewhere();
				if (rows > 0 && elsewhere != null) {
					this.deletions.add(elsewhere, now);
				}
				return rows > 0;
			});
		}
		catch (DataIntegrityViolationException ex) {
			// A function or version that references it was written meanwhile, and
			// committed before this statement could see it: the foreign key kept it.
			logger.debug("Code artifact {} is referenced again; not collected: {}", candidate.sha256(), ex.toString());
			return;
		}
		if (!Boolean.TRUE.equals(deleted)) {
			// Another control plane collected it, or an upload used it again.
			return;
		}
		run.artifacts++;
		this.collected.increment();
		Pending elsewhere = candidate.bytesElsewhere();
		if (elsewhere != null) {
			deleteBytes(elsewhere, run);
		}
		else {
			// Its bytes were in its row.
			freed(candidate.sizeBytes(), run);
		}
	}

	/**
	 * Deletes listed bytes, unless another control plane is deleting them or an upload
	 * took them back. Once the store failed in a run, the rest wait for the next one.
	 */
	private void deleteBytes(Pending pending, Run run) {
		if (run.storeFailed) {
			return;
		}
		Boolean deleted;
		try {
			deleted = this.transaction.execute((status) -> {
				if (!this.deletions.remove(pending.sha256())) {
					return false;
				}
				// The entry's removal stays uncommitted until the bytes are gone: an
				// upload of the same content waits for it before it relies on what the
				// store holds. That lock is on this one entry, for one call to the store.
				this.contentStore.delete(pending.sha256(), pending.location());
				return true;
			});
		}
		catch (RuntimeException ex) {
			// The row is gone already, so the bytes are an orphan nobody reads; the
			// entry, rolled back, has the next run try again.
			run.storeFailed = true;
			logger.warn("Could not delete the bytes of collected code artifact {} at {}; the next run tries again: {}",
					pending.sha256(), pending.location(), ex.toString());
			return;
		}
		if (Boolean.TRUE.equals(deleted)) {
			freed(pending.sizeBytes(), run);
		}
	}

	private void freed(long bytes, Run run) {
		run.bytes += bytes;
		this.freed.increment(bytes);
	}

	@Override
	public void start() {
		if (this.properties.enabled()) {
			this.timer.start(this.properties.interval(), LONGEST_FIRST_DELAY);
		}
		else {
			this.timer.startWithoutRuns();
		}
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
	 * Whether runs are scheduled: while running, if enabled.
	 * @return whether they are
	 */
	boolean scheduled() {
		return this.timer.scheduled();
	}

	/**
	 * What one run deleted.
	 *
	 * @param artifacts artifacts' rows
	 * @param bytes the bytes deleted: of those rows, and of earlier runs' left behind
	 */
	record Collected(int artifacts, long bytes) {
	}

	/**
	 * An artifact that looks collectable.
	 *
	 * @param sha256 its hex SHA-256
	 * @param sizeBytes its size
	 * @param location where its bytes are; null when they are in its row
	 */
	private record Candidate(String sha256, long sizeBytes, @Nullable String location) {

		@Nullable Pending bytesElsewhere() {
			return (this.location != null) ? new Pending(this.sha256, this.location, this.sizeBytes) : null;
		}

	}

	/**
	 * A run's tally.
	 */
	private static final class Run {

		private int artifacts;

		private long bytes;

		private boolean storeFailed;

	}

}
