package dev.aloft.controlplane;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/**
 * Holds the configuration revision counter's row lock, as a slow writer would. Every
 * change takes that lock last, just before it commits, so while this is held concurrent
 * requests do all their other work and then wait: a test can line them up, see them all
 * waiting, and let them go at once.
 */
public final class RevisionLock implements AutoCloseable {

	private final Connection connection;

	private RevisionLock(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Takes the lock on its own connection.
	 * @param dataSource the control plane's data source
	 * @return the held lock
	 * @throws SQLException if the lock cannot be taken
	 */
	public static RevisionLock hold(DataSource dataSource) throws SQLException {
		Connection connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT revision FROM config_revision WHERE id = 1 FOR UPDATE");
		}
		return new RevisionLock(connection);
	}

	/**
	 * Waits until {@code sessions} other sessions of this database wait on a lock.
	 * @param sessions how many
	 */
	public void awaitWaiting(int sessions) {
		await().atMost(Duration.ofSeconds(10)).until(() -> waitingSessions() == sessions);
	}

	private int waitingSessions() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			// This connection stays in the lock's transaction, and PostgreSQL keeps one
			// snapshot of pg_stat_activity per transaction: without clearing it, every
			// poll would see the sessions of the first.
			statement.execute("SELECT pg_stat_clear_snapshot()");
		}
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
						+ " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
			result.next();
			return result.getInt(1);
		}
	}

	/**
	 * Releases the lock.
	 * @throws SQLException if the connection fails
	 */
	@Override
	public void close() throws SQLException {
		try {
			this.connection.rollback();
		}
		finally {
			this.connection.close();
		}
	}

}
