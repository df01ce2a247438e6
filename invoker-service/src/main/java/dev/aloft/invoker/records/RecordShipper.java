package dev.aloft.invoker.records;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.invoker.records.RecordSender.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Ships the buffer to the control plane from one virtual thread: a batch as soon as one
 * is full, and whatever is waiting at least every {@code flush-interval}.
 * <ul>
 * <li>A batch that fails is sent again, the very same batch with the same idempotency
 * key, after a delay that doubles up to {@code max-retry-delay}; meanwhile new records
 * and lines wait in the buffer, which drops the oldest lines when full.</li>
 * <li>A batch the control plane refuses (too large, or something in it invalid) is split
 * in halves and each half sent on its own, so one bad item costs only itself.</li>
 * <li>When the invoker stops, after the pool and the web server (so the last invocations'
 * records are in the buffer), what is left is sent once more within
 * {@code shutdown-timeout}; what cannot be sent is counted as dropped.</li>
 * </ul>
 */
final class RecordShipper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RecordShipper.class);

	/**
	 * Stops after the pool (which drains running invocations) and the web server's
	 * graceful shutdown.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final RecordBuffer buffer;

	private final RecordSender sender;

	private final RecordsProperties properties;

	private final Duration requestTimeout;

	private final Counter sentRecords;

	private final Counter sentLines;

	/** Batches taken from the buffer and not yet stored; only the shipping thread's. */
	private final Deque<PendingBatch> pending = new ArrayDeque<>();

	private volatile @Nullable Thread thread;

	private volatile boolean stopping;

	private volatile long deadlineNanos;

	private volatile boolean running;

	RecordShipper(RecordBuffer buffer, RecordSender sender, RecordsProperties properties, Duration requestTimeout,
			MeterRegistry meterRegistry) {
		this.buffer = buffer;
		this.sender = sender;
		this.properties = properties;
		this.requestTimeout = requestTimeout;
		this.sentRecords = sent(meterRegistry, RecordDrops.RECORD);
		this.sentLines = sent(meterRegistry, RecordDrops.LINE);
	}

	private static Counter sent(MeterRegistry meterRegistry, String kind) {
		return Counter.builder("aloft.records.sent")
			.description("Invocation records and log lines stored by the control plane")
			.tag("kind", kind)
			.register(meterRegistry);
	}

	@Override
	public void start() {
		this.stopping = false;
		this.running = true;
		this.thread = Thread.ofVirtual().name("records-shipper").start(this::run);
	}

	/**
	 * Sends what is buffered, within {@code shutdown-timeout}, and stops.
	 */
	@Override
	public void stop() {
		Duration timeout = this.properties.shutdownTimeout();
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
		this.stopping = true;
		this.buffer.wake();
		Thread shipping = this.thread;
		if (shipping != null) {
			try {
				shipping.join(timeout.plusSeconds(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		Backoff backoff = new Backoff(this.properties.retryDelay(), this.properties.maxRetryDelay());
		while (true) {
			try {
				if (!shipOne(backoff)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				abandon("interrupted");
				return;
			}
			catch (RuntimeException ex) {
				logger.warn("Shipping records failed unexpectedly; retrying", ex);
				try {
					this.buffer.pause(backoff.next().toNanos());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					abandon("interrupted");
					return;
				}
			}
		}
	}

	/**
	 * Sends the next batch (waiting for one when none is pending).
	 * @return false once stopped with nothing left
	 */
	private boolean shipOne(Backoff backoff) throws InterruptedException {
		if (this.pending.isEmpty()) {
			if (!this.stopping) {
				this.buffer.awaitBatch(this.properties.flushInterval().toNanos());
			}
			RecordBatch taken = this.buffer.take(this.properties.maxBatch());
			if (size(taken) == 0) {
				return !this.stopping;
			}
			this.pending.addLast(new PendingBatch(newKey(), taken));
		}
		if (this.stopping && System.nanoTime() - this.deadlineNanos > 0) {
			abandon("the shutdown timeout passed");
			return false;
		}
		PendingBatch next = this.pending.getFirst();
		Delivery delivery = this.sender.send(next.batch(), next.key(), timeout());
		switch (delivery.result()) {
			case STORED -> {
				this.pending.removeFirst();
				this.sentRecords.increment(next.batch().invocations().size());
				this.sentLines.increment(next.batch().logs().size());
				if (backoff.failing()) {
					logger.info("The control plane takes records again, after {} failed attempts", backoff.failures());
				}
				backoff.reset();
			}
			case REFUSED -> {
				this.pending.removeFirst();
				refused(next, delivery);
			}
			case FAILED -> {
				if (!backoff.failing()) {
					logger.warn("Could not ship records to the control plane ({}); retrying, buffering up to {}",
							delivery.detail(), this.properties.bufferCapacity());
				}
				else {
					logger.debug("Could not ship records to the control plane ({})", delivery.detail());
				}
				if (this.stopping) {
					abandon("the control plane is unavailable: " + delivery.detail());
					return false;
				}
				this.buffer.pause(backoff.next().toNanos());
			}
		}
		return true;
	}

	/**
	 * The control plane refused a batch: halves are sent on their own until the item it
	 * refuses is found, which is dropped.
	 */
	private void refused(PendingBatch batch, Delivery delivery) {
		RecordBatch refused = batch.batch();
		int size = size(refused);
		if (size > 1) {
			logger.debug("The control plane refused a batch of {} ({}); sending it in halves", size, delivery.detail());
			List<RecordBatch> halves = halves(refused);
			this.pending.addFirst(new PendingBatch(newKey(), halves.get(1)));
			this.pending.addFirst(new PendingBatch(newKey(), halves.get(0)));
			return;
		}
		boolean record = !refused.invocations().isEmpty();
		String requestId = record ? refused.invocations().getFirst().requestId()
				: refused.logs().getFirst().requestId();
		logger.warn("The control plane refused {} of invocation {} ({}); dropping it",
				record ? "the record" : "a log line", requestId, delivery.detail());
		this.buffer.drops().dropped(record ? RecordDrops.RECORD : RecordDrops.LINE, RecordDrops.REJECTED, 1);
	}

	/**
	 * Drops everything not yet shipped, counting it.
	 */
	private void abandon(String reason) {
		int records = 0;
		int lines = 0;
		for (PendingBatch batch : this.pending) {
			records += batch.batch().invocations().size();
			lines += batch.batch().logs().size();
		}
		this.pending.clear();
		this.buffer.drops().dropped(RecordDrops.RECORD, RecordDrops.SHUTDOWN, records);
		this.buffer.drops().dropped(RecordDrops.LINE, RecordDrops.SHUTDOWN, lines);
		int buffered = this.buffer.size();
		this.buffer.dropAll(RecordDrops.SHUTDOWN);
		if (records + lines + buffered > 0) {
			logger.warn("Stopped with {} records and log lines not shipped: {}", records + lines + buffered, reason);
		}
	}

	private Duration timeout() {
		if (!this.stopping) {
			return this.requestTimeout;
		}
		long remaining = Math.max(1_000_000, this.deadlineNanos - System.nanoTime());
		return (remaining < this.requestTimeout.toNanos()) ? Duration.ofNanos(remaining) : this.requestTimeout;
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}

	static int size(RecordBatch batch) {
		return batch.invocations().size() + batch.logs().size();
	}

	/**
	 * Splits a batch of at least two items in two, in order.
	 */
	static List<RecordBatch> halves(RecordBatch batch) {
		int first = (size(batch) + 1) / 2;
		List<InvocationRecord> records = batch.invocations();
		List<FunctionLogLine> lines = batch.logs();
		int firstRecords = Math.min(first, records.size());
		int firstLines = first - firstRecords;
		return List.of(new RecordBatch(records.subList(0, firstRecords), lines.subList(0, firstLines)), new RecordBatch(
				records.subList(firstRecords, records.size()), lines.subList(firstLines, lines.size())));
	}

	/**
	 * A batch on its way, with the key it is always sent with.
	 *
	 * @param key the idempotency key
	 * @param batch the batch
	 */
	private record PendingBatch(String key, RecordBatch batch) {
	}

	/**
	 * The delay before the next attempt: doubling from the first to the longest.
	 */
	private static final class Backoff {

		private final Duration first;

		private final Duration longest;

		private Duration current;

		private int failures;

		Backoff(Duration first, Duration longest) {
			this.first = first;
			this.longest = longest;
			this.current = first;
		}

		Duration next() {
			Duration delay = this.current;
			this.failures++;
			Duration doubled = this.current.multipliedBy(2);
			this.current = (doubled.compareTo(this.longest) > 0) ? this.longest : doubled;
			return delay;
		}

		boolean failing() {
			return this.failures > 0;
		}

		int failures() {
			return this.failures;
		}

		void reset() {
			this.failures = 0;
			this.current = this.first;
		}

	}

}
