package dev.aloft.controlplane.function;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bytes in an object store whose artifact rows were collected and that are still to
 * be deleted ({@code code_content_deletion}). The list is what keeps a collection from
 * deleting bytes a new row names: whoever deletes bytes first {@link #remove removes}
 * their entry, and keeps that removal uncommitted until the bytes are gone; an upload of
 * the same content removes the entry too before it stores the bytes again, so it either
 * waits for that deletion to finish or cancels it before it begins.
 */
@Component
class CodeContentDeletions {

	private final JdbcClient jdbc;

	CodeContentDeletions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Lists bytes for deletion, in the transaction that deletes their artifact's row, so
	 * that no moment passes in which neither names them.
	 */
	void add(Pending pending, Instant now) {
		this.jdbc
			.sql("INSERT INTO code_content_deletion (sha256, location, size_bytes, deleted_at)"
					+ " VALUES (:sha256, :location, :size, :now)")
			.param("sha256", pending.sha256())
			.param("location", pending.location())
			.param("size", pending.sizeBytes())
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
	}

	/**
	 * Takes content off the list, waiting while another transaction is deleting its
	 * bytes.
	 * @param sha256 the content's hex SHA-256
	 * @return whether it was listed; if so, this transaction alone may delete its bytes
	 */
	boolean remove(String sha256) {
		return this.jdbc.sql("DELETE FROM code_content_deletion WHERE sha256 = :sha256")
			.param("sha256", sha256)
			.update() > 0;
	}

	/**
	 * The oldest entries, which earlier runs could not delete the bytes of.
	 * @param limit the most returned
	 * @return the entries
	 */
	List<Pending> oldest(int limit) {
		return this.jdbc
			.sql("SELECT sha256, location, size_bytes FROM code_content_deletion ORDER BY deleted_at LIMIT :limit")
			.param("limit", limit)
			.query((rs, rowNum) -> new Pending(rs.getString("sha256"), rs.getString("location"),
					rs.getLong("size_bytes")))
			.list();
	}

	/**
	 * Bytes to delete.
	 *
	 * @param sha256 their hex SHA-256
	 * @param location where the collected artifact's row said they were
	 * @param sizeBytes their size
	 */
	record Pending(String sha256, String location, long sizeBytes) {
	}

}
