package dev.aloft.controlplane.invocation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.aloft.contracts.records.FunctionLogLine;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code function_log_line} table.
 */
@Component
class FunctionLogStore {

	private static final String INSERT = """
			INSERT INTO function_log_line (namespace, function_name, version, request_id, logged_at, stream, message)
			VALUES (?, ?, ?, ?, ?, ?, ?)""";

	private static final String COLUMNS = "id, namespace, function_name, version, request_id, logged_at, stream, message";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	FunctionLogStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	/**
	 * Stores lines, in order: their ids grow in the order given.
	 * @param lines the lines
	 * @return how many were stored
	 */
	int insert(List<FunctionLogLine> lines) {
		if (lines.isEmpty()) {
			return 0;
		}
		int[][] counts = this.jdbcTemplate.batchUpdate(INSERT, lines, lines.size(), FunctionLogStore::bind);
		return Stores.inserted(counts);
	}

	private static void bind(PreparedStatement statement, FunctionLogLine line) throws SQLException {
		statement.setString(1, line.namespace());
		statement.setString(2, line.functionName());
		statement.setString(3, line.version());
		statement.setString(4, line.requestId());
		statement.setObject(5, Stores.utc(line.timestamp()));
		statement.setString(6, line.stream());
		statement.setString(7, line.message());
	}

	/**
	 * A function's log, oldest first.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param requestId only this invocation's lines, if given
	 * @param from the earliest time included, if any
	 * @param to the time before which lines are included, if any
	 * @param after start after the row this cursor names, if given
	 * @param limit the most rows returned
	 * @return the rows
	 */
	List<StoredLogLine> oldestFirst(String namespace, String functionName, @Nullable String requestId,
			@Nullable Instant from, @Nullable Instant to, @Nullable RecordCursor after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
			.append(" FROM function_log_line WHERE namespace = :namespace AND function_name = :function");
		if (requestId != null) {
			sql.append(" AND request_id = :requestId");
		}
		if (from != null) {
			sql.append(" AND logged_at >= :from");
		}
		if (to != null) {
			sql.append(" AND logged_at < :to");
		}
		if (after != null) {
			sql.append(" AND (logged_at, id) > (:cursorAt, :cursorId)");
		}
		sql.append(" ORDER BY logged_at, id LIMIT :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("namespace", namespace)
			.param("function", functionName)
			.param("limit", limit);
		if (requestId != null) {
			statement = statement.param("requestId", requestId);
		}
		if (from != null) {
			statement = statement.param("from", Stores.utc(from));
		}
		if (to != null) {
			statement = statement.param("to", Stores.utc(to));
		}
		if (after != null) {
			statement = statement.param("cursorAt", Stores.utc(after.at())).param("cursorId", after.id());
		}
		return statement.query(FunctionLogStore::row).list();
	}

	/**
	 * The id of the last line stored, of any function.
	 * @return the id, or 0 when there is none
	 */
	long lastId() {
		return this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM function_log_line").query(Long.class).single();
	}

	/**
	 * The lines of a function stored after a line, in the order they were stored: what a
	 * live follower has not seen yet. Reads by id from the primary key, so a quiet
	 * function's follower moves past other functions' lines too.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param requestId only this invocation's lines, if given
	 * @param afterId the last line seen
	 * @param limit the most lines returned
	 * @return the lines, and the id to continue after
	 */
	FollowedLines storedAfter(String namespace, String functionName, @Nullable String requestId, long afterId,
			int limit) {
		long last = lastId();
		if (last <= afterId) {
			return new FollowedLines(List.of(), afterId);
		}
		String sql = "SELECT " + COLUMNS + " FROM function_log_line WHERE id > :after AND id <= :last"
				+ " AND namespace = :namespace AND function_name = :function"
				+ ((requestId != null) ? " AND request_id = :requestId" : "") + " ORDER BY id LIMIT :limit";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql)
			.param("after", afterId)
			.param("last", last)
			.param("namespace", namespace)
			.param("function", functionName)
			.param("limit", limit);
		if (requestId != null) {
			statement = statement.param("requestId", requestId);
		}
		List<StoredLogLine> lines = statement.query(FunctionLogStore::row).list();
		return new FollowedLines(lines, (lines.size() < limit) ? last : lines.getLast().id());
	}

	/**
	 * Deletes up to {@code chunk} lines logged before a time.
	 * @param cutoff the time
	 * @param chunk the most rows deleted
	 * @return how many were deleted
	 */
	int deleteLoggedBefore(Instant cutoff, int chunk) {
		return this.jdbc
			.sql("DELETE FROM function_log_line WHERE id IN (SELECT id FROM function_log_line"
					+ " WHERE logged_at < :cutoff ORDER BY logged_at LIMIT :chunk)")
			.param("cutoff", Stores.utc(cutoff))
			.param("chunk", chunk)
			.update();
	}

	private static StoredLogLine row(ResultSet rs, int rowNum) throws SQLException {
		return new StoredLogLine(rs.getLong("id"),
				new FunctionLogLine(rs.getString("request_id"), rs.getString("namespace"),
						rs.getString("function_name"), rs.getString("version"), Stores.instant(rs, "logged_at"),
						rs.getString("stream"), rs.getString("message")));
	}

	/**
	 * A stored line and its row id.
	 *
	 * @param id the row id, growing in the order lines were stored
	 * @param line the line
	 */
	record StoredLogLine(long id, FunctionLogLine line) {

		RecordCursor cursor() {
			return new RecordCursor(this.line.timestamp(), this.id);
		}

	}

	/**
	 * What a follower reads next.
	 *
	 * @param lines the new lines of its function
	 * @param nextAfterId the id to read after next time
	 */
	record FollowedLines(List<StoredLogLine> lines, long nextAfterId) {
	}

}
