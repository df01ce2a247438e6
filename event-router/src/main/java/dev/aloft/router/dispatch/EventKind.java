package dev.aloft.router.dispatch;

/**
 * What a queued row asks the router to do.
 */
enum EventKind {

	/** Invoke the function with the event. */
	INVOCATION,

	/** Deliver a destination record (the payload) to the row's destination. */
	DELIVERY

}
