package dev.aloft.router.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which claim locking each database gets.
 */
class ClaimLockingTests {

	@Test
	void h2PicksThenLocks() {
		assertThat(ClaimLocking.forDatabase("H2")).isEqualTo(ClaimLocking.PICK_THEN_LOCK);
	}

	@Test
	void postgresqlLocksWhileSelecting() {
		assertThat(ClaimLocking.forDatabase("PostgreSQL")).isEqualTo(ClaimLocking.LOCK_WHILE_SELECTING);
	}

}
