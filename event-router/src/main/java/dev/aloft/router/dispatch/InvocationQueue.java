package dev.aloft.router.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable queue, table {@code router.async_invocation}: adding work, claiming due
 * work under a lease, and settling a claim. Every change is committed before it is
 * acknowledged to anyone.
 * <p>
 * Claims take due rows with {@code FOR UPDATE SKIP LOCKED}, so any number of routers
 * share the table without taking the same row twice; a claim is a lease held by this
 * router's {@link #owner() instance id}, renewed while the dispatch runs. Settling is
 * fenced by the lease: a router that lost its lease (it stalled past it and another
 * router took the row) changes nothing. The SQL is portable: it runs on PostgreSQL and on
 * H2 in PostgreSQL mode, where {@code FOR UPDATE} with {@code ORDER BY} would lock every
 * row the sort reads, so there a claim picks the ids first and locks only those
 * ({@link ClaimLocking}).
 */
@Component
class InvocationQueue {

	private static final Logger logger = LoggerFactory.getLogger(InvocationQueue.class);

	private static final String CLAIMED_COLUMNS = "id, kind, namespace, function_name, qualifier, source, destination, "
			+ "payload, config_revision, attempts, deferrals, enqueued_at, last_response, executed_version";

	/** Columns of {@link StoredEvent}, without the payload. */
	static final String STORED_COLUMNS = "id, kind, namespace, function_name, qualifier, source, destination, state, "
			+ "attempts, enqueued_at, next_attempt_at, completed_at, dead_letter_reason, last_error, "
			+ "OCTET_LENGTH(payload) AS payload_size";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Wakeup wakeup;

	private final DispatchProperties properties;

	private final ClaimLocking claimLocking;

	private final String owner = "router-" + UUID.randomUUID();

	InvocationQueue(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Wakeup wakeup,
			DispatchProperties properties, ClaimLocking claimLocking) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.wakeup = wakeup;
		this.properties = properties;
		this.claimLocking = claimLocking;
	}

	/**
	 * This router's identity as a lease holder; a new one each start.
	 */
	String owner() {
		return this.owner;
	}

	/**
	 * Adds work, committed when this returns (or, called inside a transaction, with it).
	 * With an idempotency key that was seen before (for the same function), adds nothing
	 * and answers the earlier id.
	 */
	Accepted enqueue(NewEvent event) {
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> insert(event, now()));
				signalWhenCommitted();
				return new Accepted(event.id(), false);
			}
			catch (DuplicateKeyException ex) {
				if (event.idempotencyKey() == null) {
					throw ex;
				}
				Optional<UUID> earlier = findByIdempotencyKey(event.function(), event.idempotencyKey());
				if (earlier.isPresent()) {
					return new Accepted(earlier.get(), true);
				}
				// The earlier row was purged in between: insert again.
			}
		}
		throw new IllegalStateException("Could not enqueue event with a contended idempotency key");
	}

	/**
	 * Wakes the claimer once the row can be seen: now, or, when the enqueue joined a
	 * caller's transaction (a schedule's tick), when that commits.
	 */
	private void signalWhenCommitted() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.wakeup.signal();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				InvocationQueue.this.wakeup.signal();
			}

		});
	}

	/**
	 * Claims due rows for this router: QUEUED rows whose time has come, oldest due first,
	 * skipping rows another router holds locked and invocations of the functions given.
	 * @param limit the most rows to claim
	 * @param excludedFunctions function keys ({@code namespace/function}) whose
	 * invocations not to claim, because they are at their concurrency limit here
	 * @return the claimed rows, now RUNNING under this router's lease
	 */
	List<ClaimedEvent> claim(int limit, Set<String> excludedFunctions) {
		List<ClaimedEvent> claimed = this.transactions.execute((status) -> {
			Instant now = now();
			String due = "state = 'QUEUED' AND next_attempt_at <= :now" + (excludedFunctions.isEmpty() ? ""
					: " AND NOT (kind = 'INVOCATION' AND (namespace || '/' || function_name) IN (:excluded))");
			JdbcClient.StatementSpec select;
			if (this.claimLocking == ClaimLocking.PICK_THEN_LOCK) {
				List<UUID> picked = withDueParams(this.jdbc.sql("SELECT id FROM async_invocation WHERE " + due
						+ " ORDER BY state, next_attempt_at LIMIT :limit"), now, limit, excludedFunctions)
					.query((rs, row) -> rs.getObject("id", UUID.class))
					.list();
				if (picked.isEmpty()) {
					return List.<ClaimedEvent>of();
				}
				select = withDueParams(
						this.jdbc.sql("SELECT " + CLAIMED_COLUMNS + " FROM async_invocation WHERE id IN (:ids) AND "
								+ due + " ORDER BY next_attempt_at FOR UPDATE SKIP LOCKED"),
						now, -1, excludedFunctions)
					.param("ids", picked);
			}
			else {
				select = withDueParams(
						this.jdbc.sql("SELECT " + CLAIMED_COLUMNS + " FROM async_invocation WHERE " + due
								+ " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED"),
						now, limit, excludedFunctions);
			}
			List<ClaimedEvent> rows = select.query(InvocationQueue::claimedEvent).list();
			if (!rows.isEmpty()) {
				this.jdbc
					.sql("UPDATE async_invocation SET state = 'RUNNING', lease_owner = :owner, "
							+ "lease_expires_at = :expires WHERE id IN (:ids)")
					.param("owner", this.owner)
					.param("expires", timestamp(now.plus(this.properties.leaseDuration())))
					.param("ids", rows.stream().map(ClaimedEvent::id).toList())
					.update();
			}
			return rows;
		});
		return (claimed != null) ? claimed : List.of();
	}

	private static JdbcClient.StatementSpec withDueParams(JdbcClient.StatementSpec statement, Instant now, int limit,
			Set<String> excludedFunctions) {
		JdbcClient.StatementSpec spec = statement.param("now", timestamp(now));
		if (limit > 0) {
			spec = spec.param("limit", limit);
		}
		return excludedFunctions.isEmpty() ? spec : spec.param("excluded", excludedFunctions);
	}

	/**
	 * Hands a claimed row back untouched, first in line again.
	 */
	void release(ClaimedEvent event) {
		this.jdbc
			.sql("UPDATE async_invocation SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL "
					+ "WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
			.param("id", event.id())
			.param("owner", this.owner)
			.update();
	}

	/**
	 * Hands a claimed row back to be tried again later, after its dispatch failed in an
	 * unexpected way; its attempts are unchanged.
	 */
	void postpone(ClaimedEvent event, Instant until, String reason) {
		this.jdbc
			.sql("UPDATE async_invocation SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, "
					+ "next_attempt_at = :next, last_error = :lastError "
					+ "WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
			.param("next", timestamp(truncate(until)))
			.param("lastError", truncate(reason, 4096))
			.param("id", event.id())
			.param("owner", this.owner)
			.update();
	}

	/**
	 * Ends a claim and adds the work it leads to (destination deliveries, invocations of
	 * destination functions), in one transaction.
	 * @param event the claimed row
	 * @param settlement how its claim ends
	 * @param followUps rows to add with it
	 * @return whether this router still held the lease; when not, nothing changed
	 */
	boolean settle(ClaimedEvent event, Settlement settlement, List<NewEvent> followUps) {
		Boolean settled = this.transactions.execute((status) -> {
			Instant now = now();
			boolean succeeded = settlement.state() == EventState.SUCCEEDED;
			boolean terminal = succeeded || settlement.state() == EventState.DEAD;
			Instant next = (settlement.nextAttemptAt() != null) ? settlement.nextAttemptAt() : now;
			// A finished row's payload is not needed again: keep the row small.
			String dropPayload = succeeded ? ", payload = :empty" : "";
			JdbcClient.StatementSpec update = this.jdbc
				.sql("UPDATE async_invocation SET state = :state, "
						+ "attempts = :attempts, deferrals = :deferrals, next_attempt_at = :next, lease_owner = NULL, "
						+ "lease_expires_at = NULL, completed_at = :completed, dead_letter_reason = :reason, "
						+ "last_error = :lastError, last_response = :lastResponse, executed_version = :executedVersion"
						+ dropPayload + " WHERE id = :id AND state = 'RUNNING' AND lease_owner = :owner")
				.param("state", settlement.state().name())
				.param("attempts", settlement.attempts())
				.param("deferrals", settlement.deferrals())
				.param("next", timestamp(truncate(next)))
				.param("completed", terminal ? timestamp(now) : null, Types.TIMESTAMP_WITH_TIMEZONE)
				.param("reason", (settlement.reason() != null) ? settlement.reason().value() : null, Types.VARCHAR)
				.param("lastError", truncate(settlement.lastError(), 4096), Types.VARCHAR)
				.param("lastResponse", settlement.lastResponse(), Types.BINARY)
				.param("executedVersion", truncate(settlement.executedVersion(), 32), Types.VARCHAR)
				.param("id", event.id())
				.param("owner", this.owner);
			if (succeeded) {
				update = update.param("empty", new byte[0], Types.BINARY);
			}
			int updated = update.update();
			if (updated == 0) {
				return false;
			}
			for (NewEvent followUp : followUps) {
				insert(followUp, now);
			}
			return true;
		});
		boolean result = Boolean.TRUE.equals(settled);
		if (!result) {
			logger.warn("Lost the lease of {} before settling it: another router took it over", event.id());
		}
		else if (!followUps.isEmpty() || settlement.state() == EventState.QUEUED) {
			this.wakeup.signal();
		}
		return result;
	}

	/**
	 * Renews this router's leases of rows still being dispatched.
	 * @param ids the rows in flight here
	 * @return how many leases were renewed
	 */
	int renewLeases(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc
			.sql("UPDATE async_invocation SET lease_expires_at = :expires "
					+ "WHERE state = 'RUNNING' AND lease_owner = :owner AND id IN (:ids)")
			.param("expires", timestamp(now().plus(this.properties.leaseDuration())))
			.param("owner", this.owner)
			.param("ids", List.copyOf(ids))
			.update();
	}

	/**
	 * Returns rows whose lease expired (their router died or stalled mid-dispatch) to the
	 * queue, due at once.
	 * @return how many
	 */
	int requeueExpiredLeases() {
		int requeued = this.jdbc
			.sql("UPDATE async_invocation SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, "
					+ "last_error = :lastError WHERE state = 'RUNNING' AND lease_expires_at < :now")
			.param("lastError", "The router dispatching it stopped before it finished (lease expired)")
			.param("now", timestamp(now()))
			.update();
		if (requeued > 0) {
			this.wakeup.signal();
		}
		return requeued;
	}

	/**
	 * Deletes finished rows older than the retention.
	 * @param limit the most rows to delete at once
	 * @return how many were deleted
	 */
	int purgeSucceeded(int limit) {
		return this.jdbc
			.sql("DELETE FROM async_invocation WHERE id IN (SELECT id FROM async_invocation "
					+ "WHERE state = 'SUCCEEDED' AND completed_at < :cutoff ORDER BY completed_at LIMIT :limit)")
			.param("cutoff", timestamp(now().minus(this.properties.retention())))
			.param("limit", limit)
			.update();
	}

	/**
	 * Counts what is waiting and what is dead-lettered.
	 */
	QueueStats stats() {
		QueueStats.Builder stats = new QueueStats.Builder();
		this.jdbc
			.sql("SELECT state, COUNT(*) AS n, MIN(enqueued_at) AS oldest FROM async_invocation "
					+ "WHERE state IN ('QUEUED', 'RUNNING', 'DEAD') GROUP BY state")
			.query((rs) -> {
				stats.add(EventState.valueOf(rs.getString("state")), rs.getLong("n"), instant(rs, "oldest"));
			});
		return stats.build();
	}

	/**
	 * Reads a row, without its payload.
	 */
	Optional<StoredEvent> find(UUID id) {
		return this.jdbc.sql("SELECT " + STORED_COLUMNS + " FROM async_invocation WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> storedEvent(rs, false))
			.optional();
	}

	Instant now() {
		return truncate(this.clock.instant());
	}

	private Optional<UUID> findByIdempotencyKey(FunctionRef function, String idempotencyKey) {
		return this.jdbc
			.sql("SELECT id FROM async_invocation WHERE namespace = :namespace AND function_name = :function "
					+ "AND idempotency_key = :key")
			.param("namespace", function.namespace())
			.param("function", function.functionName())
			.param("key", idempotencyKey)
			.query((rs, row) -> rs.getObject("id", UUID.class))
			.optional();
	}

	private void insert(NewEvent event, Instant now) {
		this.jdbc.sql("INSERT INTO async_invocation (id, kind, namespace, function_name, qualifier, source, "
				+ "destination, idempotency_key, payload, config_revision, state, attempts, deferrals, enqueued_at, "
				+ "next_attempt_at) VALUES (:id, :kind, :namespace, :function, :qualifier, :source, :destination, "
				+ ":key, :payload, :revision, 'QUEUED', 0, 0, :now, :now)")
			.param("id", event.id())
			.param("kind", event.kind().name())
			.param("namespace", event.function().namespace())
			.param("function", event.function().functionName())
			.param("qualifier", event.function().qualifier())
			.param("source", event.source().value())
			.param("destination", event.destination(), Types.VARCHAR)
			.param("key", event.idempotencyKey(), Types.VARCHAR)
			.param("payload", event.payload(), Types.BINARY)
			.param("revision", event.configRevision())
			.param("now", timestamp(now))
			.update();
	}

	private static ClaimedEvent claimedEvent(ResultSet rs, int row) throws SQLException {
		Instant enqueuedAt = instant(rs, "enqueued_at");
		return new ClaimedEvent(rs.getObject("id", UUID.class), EventKind.valueOf(rs.getString("kind")),
				functionRef(rs), EventSource.of(rs.getString("source")).orElse(EventSource.INVOKE_API),
				rs.getString("destination"), rs.getBytes("payload"), rs.getLong("config_revision"),
				rs.getInt("attempts"), rs.getInt("deferrals"), (enqueuedAt != null) ? enqueuedAt : Instant.EPOCH,
				rs.getBytes("last_response"), rs.getString("executed_version"));
	}

	static StoredEvent storedEvent(ResultSet rs, boolean withPayload) throws SQLException {
		Instant enqueuedAt = instant(rs, "enqueued_at");
		EventState state = EventState.valueOf(rs.getString("state"));
		byte[] payload = withPayload ? rs.getBytes("payload") : new byte[0];
		return new StoredEvent(rs.getObject("id", UUID.class), EventKind.valueOf(rs.getString("kind")), functionRef(rs),
				rs.getString("source"), rs.getString("destination"), state, rs.getInt("attempts"),
				(enqueuedAt != null) ? enqueuedAt : Instant.EPOCH,
				(state == EventState.QUEUED) ? instant(rs, "next_attempt_at") : null, instant(rs, "completed_at"),
				rs.getString("dead_letter_reason"), rs.getString("last_error"), rs.getLong("payload_size"),
				(payload != null) ? payload : new byte[0]);
	}

	private static FunctionRef functionRef(ResultSet rs) throws SQLException {
		return new FunctionRef(rs.getString("namespace"), rs.getString("function_name"), rs.getString("qualifier"));
	}

	static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * To the precision both databases keep, so that what is written reads back equal.
	 */
	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	private static @Nullable String truncate(@Nullable String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

}
