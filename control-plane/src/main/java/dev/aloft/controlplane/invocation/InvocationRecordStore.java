package dev.aloft.controlplane.invocation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.records.InvocationRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code invocation_record} table.
 */
@Component
class InvocationRecordStore {

	private static final String INSERT = """
			INSERT INTO invocation_record (request_id, namespace, function_name, version, trigger_source, outcome,
			    error_type, cold_start, init_duration_millis, queue_wait_millis, duration_millis, billed_duration_millis,
			    memory_size_mb, max_memory_used_mb, started_at, ended_at, invoker)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING""";

	private static final String COLUMNS = """
			id, request_id, namespace, function_name, version, trigger_source, outcome, error_type, cold_start,
			init_duration_millis, queue_wait_millis, duration_millis, billed_duration_millis, memory_size_mb,
			max_memory_used_mb, started_at, ended_at, invoker""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	InvocationRecordStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	/**
	 * Stores records, skipping attempts already stored.
	 * @param records the records
	 * @return how many were new
	 */
	int insert(List<InvocationRecord> records) {
		if (records.isEmpty()) {
			return 0;
		}
		int[][] counts = this.jdbcTemplate.batchUpdate(INSERT, records, records.size(), InvocationRecordStore::bind);
		return Stores.inserted(counts);
	}

	private static void bind(PreparedStatement statement, InvocationRecord record) throws SQLException {
		statement.setString(1, record.requestId());
		statement.setString(2, record.namespace());
		statement.setString(3, record.functionName());
		statement.setString(4, record.version());
		statement.setString(5, record.trigger());
		statement.setString(6, record.outcome().name());
		if (record.errorType() != null) {
			statement.setString(7, record.errorType());
		}
		else {
			statement.setNull(7, Types.VARCHAR);
		}
		statement.setBoolean(8, record.coldStart());
		statement.setDouble(9, record.initDurationMillis());
		statement.setDouble(10, record.queueWaitMillis());
		statement.setDouble(11, record.durationMillis());
		statement.setLong(12, record.billedDurationMillis());
		statement.setInt(13, record.memorySizeMb());
		statement.setLong(14, record.maxMemoryUsedMb());
		statement.setObject(15, Stores.utc(record.startedAt()));
		statement.setObject(16, Stores.utc(record.endedAt()));
		statement.setString(17, record.invoker());
	}

	/**
	 * A function's records, newest first.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param from the earliest start included, if any
	 * @param to the start before which records are included, if any
	 * @param outcome only records of this outcome, if given
	 * @param before start after the row this cursor names, if given
	 * @param limit the most rows returned
	 * @return the rows
	 */
	List<StoredInvocation> newestFirst(String namespace, String functionName, @Nullable Instant from,
			@Nullable Instant to, @Nullable InvocationOutcome outcome, @Nullable RecordCursor before, int limit) {
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
			.append(" FROM invocation_record WHERE namespace = :namespace AND function_name = :function");
		if (from != null) {
			sql.append(" AND started_at >= :from");
		}
		if (to != null) {
			sql.append(" AND started_at < :to");
		}
		if (outcome != null) {
			sql.append(" AND outcome = :outcome");
		}
		if (before != null) {
			sql.append(" AND (started_at, id) < (:cursorAt, :cursorId)");
		}
		sql.append(" ORDER BY started_at DESC, id DESC LIMIT :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("namespace", namespace)
			.param("function", functionName)
			.param("limit", limit);
		if (from != null) {
			statement = statement.param("from", Stores.utc(from));
		}
		if (to != null) {
			statement = statement.param("to", Stores.utc(to));
		}
		if (outcome != null) {
			statement = statement.param("outcome", outcome.name());
		}
		if (before != null) {
			statement = statement.param("cursorAt", Stores.utc(before.at())).param("cursorId", before.id());
		}
		return statement.query(InvocationRecordStore::row).list();
	}

	/**
	 * The latest attempt of one request.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param requestId the request id
	 * @return its latest record, if any is kept
	 */
	Optional<StoredInvocation> latest(String namespace, String functionName, String requestId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM invocation_record WHERE request_id = :requestId"
				+ " AND namespace = :namespace AND function_name = :function ORDER BY started_at DESC, id DESC LIMIT 1")
			.param("requestId", requestId)
			.param("namespace", namespace)
			.param("function", functionName)
			.query(InvocationRecordStore::row)
			.optional();
	}

	/**
	 * Deletes up to {@code chunk} records that started before a time.
	 * @param cutoff the time
	 * @param chunk the most rows deleted
	 * @return how many were deleted
	 */
	int deleteStartedBefore(Instant cutoff, int chunk) {
		return this.jdbc
			.sql("DELETE FROM invocation_record WHERE id IN (SELECT id FROM invocation_record"
					+ " WHERE started_at < :cutoff ORDER BY started_at LIMIT :chunk)")
			.param("cutoff", Stores.utc(cutoff))
			.param("chunk", chunk)
			.update();
	}

	private static StoredInvocation row(ResultSet rs, int rowNum) throws SQLException {
		InvocationRecord record = new InvocationRecord(rs.getString("request_id"), rs.getString("namespace"),
				rs.getString("function_name"), rs.getString("version"), rs.getString("trigger_source"),
				InvocationOutcome.valueOf(rs.getString("outcome")), rs.getString("error_type"),
				rs.getBoolean("cold_start"), rs.getDouble("init_duration_millis"), rs.getDouble("queue_wait_millis"),
				rs.getDouble("duration_millis"), rs.getLong("billed_duration_millis"), rs.getInt("memory_size_mb"),
				rs.getLong("max_memory_used_mb"), Stores.instant(rs, "started_at"), Stores.instant(rs, "ended_at"),
				rs.getString("invoker"));
		return new StoredInvocation(rs.getLong("id"), record);
	}

	/**
	 * A stored record and its row id.
	 *
	 * @param id the row id
	 * @param record the record
	 */
	record StoredInvocation(long id, InvocationRecord record) {

		RecordCursor cursor() {
			return new RecordCursor(this.record.startedAt(), this.id);
		}

	}

}
