package dev.aloft.controlplane.invocation;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code received_record_batch} table: the keys of batches already stored, so that a
 * batch sent again (its sender never saw the answer) is stored once.
 */
@Component
class ReceivedBatches {

	private final JdbcClient jdbc;

	ReceivedBatches(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims a batch key, in the caller's transaction. A concurrent claim of the same key
	 * waits for this transaction and then finds it taken.
	 * @param batchKey the key
	 * @param now the time of receipt
	 * @return true when the key is new, false when the batch was stored before
	 */
	boolean claim(String batchKey, Instant now) {
		return this.jdbc.sql(
				"INSERT INTO received_record_batch (batch_key, received_at) VALUES (:key, :now) ON CONFLICT DO NOTHING")
			.param("key", batchKey)
			.param("now", Stores.utc(now))
			.update() > 0;
	}

	/**
	 * Forgets up to {@code chunk} keys received before a time.
	 * @param cutoff the time
	 * @param chunk the most rows deleted
	 * @return how many were deleted
	 */
	int deleteReceivedBefore(Instant cutoff, int chunk) {
		return this.jdbc
			.sql("DELETE FROM received_record_batch WHERE batch_key IN (SELECT batch_key FROM received_record_batch"
					+ " WHERE received_at < :cutoff ORDER BY received_at LIMIT :chunk)")
			.param("cutoff", Stores.utc(cutoff))
			.param("chunk", chunk)
			.update();
	}

}
