package dev.aloft.controlplane.configfeed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.problems.PlatformException;
import dev.aloft.controlplane.system.ProblemType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configuration feed. Features publish the follower-facing state of a resource in the
 * same transaction that changes it; followers read a snapshot and then the changes after
 * their revision.
 */
@Service
public class ConfigFeed {

	/** The most changes one answer carries; a follower asks again for the rest. */
	static final int MAX_CHANGES_PER_ANSWER = 1000;

	/**
	 * How often a waiting long-poll re-reads the store, to see other replicas' changes.
	 */
	private static final long RECHECK_MILLIS = 1000;

	private final ConfigResourceRecordRepository records;

	private final ConfigRevisions revisions;

	private final ChangeSignal signal;

	private final ObjectWriter resourceWriter;

	private final ObjectReader resourceReader;

	private final TransactionTemplate readTransaction;

	private final FollowerAcknowledgements acknowledgements;

	ConfigFeed(ConfigResourceRecordRepository records, ConfigRevisions revisions, ChangeSignal signal,
			FollowerAcknowledgements acknowledgements, JsonMapper jsonMapper,
			PlatformTransactionManager transactionManager) {
		this.records = records;
		this.revisions = revisions;
		this.signal = signal;
		this.acknowledgements = acknowledgements;
		this.resourceWriter = jsonMapper.writerFor(ConfigResource.class);
		this.resourceReader = jsonMapper.readerFor(ConfigResource.class);
		this.readTransaction = new TransactionTemplate(transactionManager);
		this.readTransaction.setReadOnly(true);
		this.readTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/**
	 * Publishes the new state of a resource, as part of the caller's transaction.
	 * @param resource the resource's new state
	 * @return the revision of the change
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long publish(ConfigResource resource) {
		return write(resource.kind(), resource.key(), this.resourceWriter.writeValueAsString(resource));
	}

	/**
	 * Publishes the deletion of a resource, as part of the caller's transaction.
	 * @param kind the resource's kind
	 * @param key the resource's key
	 * @return the revision of the change
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long retract(ResourceKind kind, String key) {
		return write(kind, key, null);
	}

	private long write(ResourceKind kind, String key, @Nullable String payload) {
		long revision = this.revisions.next();
		ConfigResourceRecord record = this.records.findById(kind.name() + ":" + key).orElse(null);
		if (record == null) {
			record = new ConfigResourceRecord(kind.name(), key, revision, payload);
		}
		else {
			record.update(revision, payload);
		}
		this.records.save(record);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ConfigFeed.this.signal.signal();
				awaitPropagation(revision);
			}
		});
		return revision;
	}

	/**
	 * Holds the writer until every live follower has the change (bounded), so the next
	 * request anywhere sees it.
	 */
	private void awaitPropagation(long revision) {
		try {
			this.acknowledgements.awaitAll(revision);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether a resource is live on the feed.
	 * @param kind its kind
	 * @param key its key
	 * @return whether the feed holds it, not deleted
	 */
	@Transactional(readOnly = true)
	public boolean isPublished(ResourceKind kind, String key) {
		return this.records.findById(kind.name() + ":" + key).map((record) -> record.payload() != null).orElse(false);
	}

	/**
	 * Every live resource, consistent with the revision reported.
	 * @return the snapshot
	 */
	ConfigSnapshot snapshot() {
		return this.readTransaction.execute((status) -> {
			long revision = this.revisions.current();
			List<ConfigResource> resources = new ArrayList<>();
			for (ConfigResourceRecord record : this.records.findByPayloadIsNotNull()) {
				resources.add(this.resourceReader.readValue(record.payload()));
			}
			return new ConfigSnapshot(revision, resources);
		});
	}

	/**
	 * The changes after a revision, waiting up to {@code wait} for one when there are
	 * none yet.
	 * @param after the follower's revision
	 * @param wait how long to hold the request when nothing changed
	 * @return the changes, possibly none
	 * @throws PlatformException {@code REVISION_GONE} when the follower must re-read a
	 * snapshot
	 * @throws InterruptedException when interrupted while waiting
	 */
	ConfigChanges changesAfter(long after, Duration wait, @Nullable String follower) throws InterruptedException {
		if (follower != null) {
			this.acknowledgements.acknowledge(follower, after);
		}
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			long generation = this.signal.generation();
			ConfigChanges changes = readChangesAfter(after);
			long remaining = (deadline - System.nanoTime()) / 1_000_000;
			if (!changes.changes().isEmpty() || remaining <= 0 || !this.signal.isRunning()) {
				return changes;
			}
			this.signal.awaitChangeAfter(generation, Math.min(remaining, RECHECK_MILLIS));
		}
	}

	private ConfigChanges readChangesAfter(long after) {
		ConfigChanges changes = this.readTransaction.execute((status) -> {
			long current = this.revisions.current();
			if (after > current || after < this.revisions.compacted()) {
				return null;
			}
			List<ConfigResourceRecord> changed = this.records
				.findByRevisionGreaterThanAndRevisionLessThanEqualOrderByRevision(after, current,
						Limit.of(MAX_CHANGES_PER_ANSWER));
			long reached = (changed.size() == MAX_CHANGES_PER_ANSWER) ? changed.getLast().revision() : current;
			return new ConfigChanges(reached, changed.stream().map(this::toChange).toList());
		});
		if (changes == null) {
			throw new PlatformException(ProblemType.REVISION_GONE,
					"Revision " + after + " is not retained: read the snapshot again");
		}
		return changes;
	}

	private ConfigChange toChange(ConfigResourceRecord record) {
		String payload = record.payload();
		ConfigResource resource = (payload != null) ? this.resourceReader.readValue(payload) : null;
		return new ConfigChange(record.revision(), ResourceKind.valueOf(record.kind()), record.resourceKey(), resource);
	}

}
