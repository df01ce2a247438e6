package dev.aloft.router.dispatch;

/**
 * How a claim locks the rows it takes, by database.
 * <p>
 * PostgreSQL locks only the rows a {@code SELECT ... ORDER BY ... LIMIT ... FOR UPDATE
 * SKIP LOCKED} returns, so one statement both picks and locks, and routers sharing the
 * table skip each other's rows. H2 (the standalone mode's embedded database) locks every
 * row the sort reads: with a backlog of thousands that made each claim lock the whole
 * backlog, and claims slowed down as the queue grew (measured with
 * {@code bench/async-intake.sh}: most of the router's time went into H2's row locks).
 * There the claim picks the oldest due ids first without locking, then locks just those,
 * checking again that they are still due and queued. The pick orders by
 * {@code state, next_attempt_at}, the due index's own order (equal to ordering by due
 * time alone, as the state is fixed), because only then does H2 read the index in order
 * and stop at the limit instead of sorting the whole backlog.
 */
enum ClaimLocking {

	/** One statement picks and locks: PostgreSQL. */
	LOCK_WHILE_SELECTING,

	/** Pick ids without locks, then lock and re-check only those: H2. */
	PICK_THEN_LOCK;

	/**
	 * The locking that suits a database.
	 * @param databaseProductName as the JDBC driver names it
	 * @return {@link #PICK_THEN_LOCK} for H2, otherwise {@link #LOCK_WHILE_SELECTING}
	 */
	static ClaimLocking forDatabase(String databaseProductName) {
		return "H2".equalsIgnoreCase(databaseProductName) ? PICK_THEN_LOCK : LOCK_WHILE_SELECTING;
	}

}
