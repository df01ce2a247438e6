package dev.aloft.controlplane;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/**
 * A transaction left open on a connection of its own, holding the row locks of what it
 * did, as a concurrent writer that has not committed yet: a test can start requests that
 * must wait for it, see them waiting, and then commit or roll back.
 */
public final class OpenTransaction implements AutoCloseable {

	private final Connection connection;

	private boolean ended;

	private OpenTransaction(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Runs a statement in a new transaction and leaves it open.
	 * @param dataSource the control plane's data source
	 * @param sql the statement, with its values inline
	 * @return the open transaction
	 * @throws SQLException if the statement fails
	 */
	public static OpenTransaction begin(DataSource dataSource, String sql) throws SQLException {
		Connection connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			connection.rollback();
			connection.close();
			throw ex;
		}
		return new OpenTransaction(connection);
	}

	/**
	 * Runs one more statement in the transaction.
	 * @param sql the statement, with its values inline
	 * @return this transaction
	 * @throws SQLException if the statement fails
	 */
	public OpenTransaction then(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
		return this;
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
			// This connection stays in its transaction, and PostgreSQL keeps one snapshot
			// of pg_stat_activity per transaction: without clearing it, every poll would
			// see the sessions of the first.
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
	 * Commits what the transaction did.
	 * @throws SQLException if the commit fails
	 */
	public void commit() throws SQLException {
		this.ended = true;
		try {
			this.connection.commit();
		}
		finally {
			this.connection.close();
		}
	}

	/**
	 * Rolls back, unless the transaction was committed.
	 * @throws SQLException if the connection fails
	 */
	@Override
	public void close() throws SQLException {
		if (this.ended) {
			return;
		}
		this.ended = true;
		try {
			this.connection.rollback();
		}
		finally {
			this.connection.close();
		}
	}

}
