package dev.aloft.controlplane.configfeed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The configuration revision counter: one row, bumped by every change in the same
 * transaction as the change. The row lock serialises writers, so revisions become visible
 * in the order they were taken and a follower reading "after N" can never miss a change
 * that commits later with a smaller revision.
 */
@Component
class ConfigRevisions {

	private final JdbcClient jdbcClient;

	ConfigRevisions(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Takes the next revision; holds the counter's row lock until the transaction ends.
	 */
	long next() {
		this.jdbcClient.sql("UPDATE config_revision SET revision = revision + 1 WHERE id = 1").update();
		return current();
	}

	long current() {
		return this.jdbcClient.sql("SELECT revision FROM config_revision WHERE id = 1").query(Long.class).single();
	}

	/**
	 * The oldest revision a follower may still ask for changes after: tombstones older
	 * than this have been removed.
	 */
	long compacted() {
		return this.jdbcClient.sql("SELECT compacted_revision FROM config_revision WHERE id = 1")
			.query(Long.class)
			.single();
	}

}
