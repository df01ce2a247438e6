package dev.aloft.controlplane;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Holds the configuration revision counter's row lock, as a slow writer would. Every
 * change takes that lock last, just before it commits, so while this is held concurrent
 * requests do all their other work and then wait: a test can line them up, see them all
 * waiting, and let them go at once.
 */
public final class RevisionLock implements AutoCloseable {

	private final OpenTransaction transaction;

	private RevisionLock(OpenTransaction transaction) {
		this.transaction = transaction;
	}

	/**
	 * Takes the lock on its own connection.
	 * @param dataSource the control plane's data source
	 * @return the held lock
	 * @throws SQLException if the lock cannot be taken
	 */
	public static RevisionLock hold(DataSource dataSource) throws SQLException {
		return new RevisionLock(
				OpenTransaction.begin(dataSource, "SELECT revision FROM config_revision WHERE id = 1 FOR UPDATE"));
	}

	/**
	 * Waits until {@code sessions} other sessions of this database wait on a lock.
	 * @param sessions how many
	 */
	public void awaitWaiting(int sessions) {
		this.transaction.awaitWaiting(sessions);
	}

	/**
	 * Releases the lock.
	 * @throws SQLException if the connection fails
	 */
	@Override
	public void close() throws SQLException {
		this.transaction.close();
	}

}
