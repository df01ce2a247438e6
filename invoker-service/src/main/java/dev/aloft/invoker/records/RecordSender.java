package dev.aloft.invoker.records;

import java.time.Duration;

import dev.aloft.contracts.records.RecordBatch;

/**
 * Sends one batch to the control plane.
 */
interface RecordSender {

	/**
	 * Sends a batch. Never throws: every failure is a {@link Delivery}.
	 * @param batch the batch
	 * @param batchKey the batch's idempotency key: the same batch is always sent with the
	 * same key, so one stored before is not stored twice
	 * @param timeout how long the request may take
	 * @return what became of it
	 */
	Delivery send(RecordBatch batch, String batchKey, Duration timeout);

	/**
	 * What became of a batch.
	 *
	 * @param result the result
	 * @param detail why, for logs
	 */
	record Delivery(Result result, String detail) {

		static final Delivery STORED = new Delivery(Result.STORED, "stored");

	}

	/**
	 * The results a batch can have.
	 */
	enum Result {

		/** The control plane stored it (or had stored it before). */
		STORED,

		/**
		 * The control plane refused this batch as it is (too large, or something in it
		 * invalid); smaller parts of it may be accepted.
		 */
		REFUSED,

		/** The control plane could not be reached or failed: send it again later. */
		FAILED

	}

}
