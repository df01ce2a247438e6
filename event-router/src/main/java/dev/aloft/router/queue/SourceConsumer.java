package dev.aloft.router.queue;

/**
 * A running consumer of one event-source mapping: it reads its source on a thread of its
 * own until closed, and recovers from its server's failures by itself.
 */
interface SourceConsumer extends AutoCloseable {

	/**
	 * Starts consuming.
	 */
	void start();

	/**
	 * How far the consumer is behind its source, in records, where the source tells
	 * (Kafka); 0 otherwise.
	 * @return the lag
	 */
	default long lag() {
		return 0;
	}

	/**
	 * Stops consuming and releases the connection; a batch in flight is finished or left
	 * unsettled (its records come back: visibility timeout, unacked delivery).
	 */
	@Override
	void close();

}
