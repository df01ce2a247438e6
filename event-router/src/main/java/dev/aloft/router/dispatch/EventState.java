package dev.aloft.router.dispatch;

/**
 * Where a queued row is in its life.
 */
enum EventState {

	/** Waiting for its next attempt. */
	QUEUED,

	/** Claimed by a router under a lease. */
	RUNNING,

	/** Done. */
	SUCCEEDED,

	/** Given up on: in the dead-letter store, with the reason. */
	DEAD

}
