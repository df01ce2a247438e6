package dev.aloft.router.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.system.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dead-letter store: the queue's DEAD rows, each with its payload, the reason, the
 * attempts and the last error. Rows stay until they are redriven (back into the queue
 * with a fresh event age and attempt count, under the same id) or discarded.
 */
@Component
class DeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private final JdbcClient jdbc;

	private final InvocationQueue queue;

	private final FunctionCatalog catalog;

	private final Wakeup wakeup;

	DeadLetters(JdbcClient jdbc, InvocationQueue queue, FunctionCatalog catalog, Wakeup wakeup) {
		this.jdbc = jdbc;
		this.queue = queue;
		this.catalog = catalog;
		this.wakeup = wakeup;
	}

	/**
	 * One page of dead letters, oldest first, without payloads.
	 * @param namespace only this namespace's, if given
	 * @param function only this function's, if given
	 * @param limit the page size
	 * @param pageToken where the previous page ended, if any
	 * @return the page
	 */
	Page list(@Nullable String namespace, @Nullable String function, int limit, @Nullable String pageToken) {
		StringBuilder sql = new StringBuilder("SELECT ").append(InvocationQueue.STORED_COLUMNS)
			.append(" FROM async_invocation WHERE state = 'DEAD'");
		List<Object[]> params = new ArrayList<>();
		if (namespace != null) {
			sql.append(" AND namespace = :namespace");
			params.add(new Object[] { "namespace", namespace });
		}
		if (function != null) {
			sql.append(" AND function_name = :function");
			params.add(new Object[] { "function", function });
		}
		if (pageToken != null) {
			Cursor after = Cursor.decode(pageToken);
			sql.append(" AND (completed_at > :afterTime OR (completed_at = :afterTime AND id > :afterId))");
			params.add(new Object[] { "afterTime", InvocationQueue.timestamp(after.completedAt()) });
			params.add(new Object[] { "afterId", after.id() });
		}
		sql.append(" ORDER BY completed_at, id LIMIT :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("limit", limit + 1);
		for (Object[] param : params) {
			statement = statement.param((String) param[0], param[1]);
		}
		List<StoredEvent> rows = statement.query((rs, row) -> InvocationQueue.storedEvent(rs, false)).list();
		if (rows.size() <= limit) {
			return new Page(rows, null);
		}
		List<StoredEvent> items = rows.subList(0, limit);
		StoredEvent last = items.get(limit - 1);
		Instant lastCompleted = (last.completedAt() != null) ? last.completedAt() : Instant.EPOCH;
		return new Page(List.copyOf(items), new Cursor(lastCompleted, last.id()).encode());
	}

	/**
	 * Reads a dead letter with its payload.
	 */
	Optional<StoredEvent> find(UUID id) {
		return this.jdbc
			.sql("SELECT " + InvocationQueue.STORED_COLUMNS
					+ ", payload FROM async_invocation WHERE id = :id AND state = 'DEAD'")
			.param("id", id)
			.query((rs, row) -> InvocationQueue.storedEvent(rs, true))
			.optional();
	}

	/**
	 * Puts a dead letter back in the queue, due now, with a fresh event age and no
	 * attempts, under the same id.
	 * @return whether there was such a dead letter
	 */
	boolean redrive(UUID id) {
		Instant now = this.queue.now();
		int updated = this.jdbc
			.sql("UPDATE async_invocation SET state = 'QUEUED', attempts = 0, deferrals = 0, enqueued_at = :now, "
					+ "next_attempt_at = :now, completed_at = NULL, dead_letter_reason = NULL, last_error = NULL, "
					+ "last_response = NULL, executed_version = NULL, "
					+ "config_revision = GREATEST(config_revision, :revision) WHERE id = :id AND state = 'DEAD'")
			.param("now", InvocationQueue.timestamp(now))
			.param("revision", this.catalog.revision())
			.param("id", id)
			.update();
		if (updated > 0) {
			logger.info("Redrove dead letter {}", id);
			this.wakeup.signal();
		}
		return updated > 0;
	}

	/**
	 * Deletes a dead letter for good.
	 * @return whether there was such a dead letter
	 */
	boolean discard(UUID id) {
		int deleted = this.jdbc.sql("DELETE FROM async_invocation WHERE id = :id AND state = 'DEAD'")
			.param("id", id)
			.update();
		if (deleted > 0) {
			logger.info("Discarded dead letter {}", id);
		}
		return deleted > 0;
	}

	/**
	 * A page of dead letters.
	 *
	 * @param items the dead letters
	 * @param nextPageToken the token of the next page, or null on the last
	 */
	record Page(List<StoredEvent> items, @Nullable String nextPageToken) {
	}

	/**
	 * Where a page ended: an opaque, base64url token of the last row's completion time
	 * and id.
	 */
	private record Cursor(Instant completedAt, UUID id) {

		String encode() {
			String raw = InvocationQueue.truncate(this.completedAt).getEpochSecond() + ":"
					+ InvocationQueue.truncate(this.completedAt).getNano() + ":" + this.id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String token) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
				return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
						UUID.fromString(parts[2]));
			}
			catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "pageToken is not a token this API issued");
			}
		}

	}

}
