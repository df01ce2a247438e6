package dev.aloft.invoker.records;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records and log lines waiting to be shipped, bounded by count and by the memory of the
 * lines' text. Adding never waits for the shipper: it takes a lock held only for a few
 * queue operations, and when the buffer is full it drops the oldest log lines first.
 * Invocation records are small and what users query first, so they are dropped only when
 * the buffer holds nothing else. Every drop is counted in {@code aloft.records.dropped}.
 */
final class RecordBuffer {

	/** Each character of a line's text is counted as two bytes (UTF-16). */
	private static final int BYTES_PER_CHAR = 2;

	private final int capacity;

	private final long maxLineChars;

	private final int batchSize;

	private final RecordDrops drops;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Deque<InvocationRecord> records = new ArrayDeque<>();

	private final Deque<FunctionLogLine> lines = new ArrayDeque<>();

	private long lineChars;

	private boolean woken;

	/**
	 * Creates a buffer.
	 * @param capacity the most records and lines held
	 * @param maxLineBytes the most memory the lines' text may take
	 * @param batchSize how many waiting items make a batch worth sending at once
	 * @param drops counts what is dropped
	 * @param meterRegistry where {@code aloft.records.buffered} is registered
	 */
	RecordBuffer(int capacity, long maxLineBytes, int batchSize, RecordDrops drops, MeterRegistry meterRegistry) {
		this.capacity = capacity;
		this.maxLineChars = maxLineBytes / BYTES_PER_CHAR;
		this.batchSize = batchSize;
		this.drops = drops;
		Gauge.builder("aloft.records.buffered", this, RecordBuffer::bufferedRecords)
			.description("Invocation records and log lines waiting to be shipped to the control plane")
			.tag("kind", RecordDrops.RECORD)
			.register(meterRegistry);
		Gauge.builder("aloft.records.buffered", this, RecordBuffer::bufferedLines)
			.description("Invocation records and log lines waiting to be shipped to the control plane")
			.tag("kind", RecordDrops.LINE)
			.register(meterRegistry);
	}

	/**
	 * Adds a record, dropping the oldest log lines (or, with none left, the oldest
	 * record) to make room.
	 * @param record the record
	 */
	void add(InvocationRecord record) {
		this.lock.lock();
		try {
			while (size() >= this.capacity) {
				if (!dropOldestLine()) {
					this.records.removeFirst();
					this.drops.overflow(RecordDrops.RECORD, 1);
				}
			}
			this.records.addLast(record);
			signalIfBatch();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Adds a log line, dropping the oldest lines to make room. A line is dropped itself
	 * only when the buffer holds nothing but records.
	 * @param line the line
	 */
	void add(FunctionLogLine line) {
		int chars = line.message().length();
		this.lock.lock();
		try {
			while ((size() >= this.capacity || this.lineChars + chars > this.maxLineChars) && dropOldestLine()) {
				// Room was made.
			}
			if (size() >= this.capacity) {
				this.drops.overflow(RecordDrops.LINE, 1);
				return;
			}
			this.lines.addLast(line);
			this.lineChars += chars;
			signalIfBatch();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes the oldest waiting items, records first.
	 * @param max the most items taken
	 * @return the batch, possibly empty
	 */
	RecordBatch take(int max) {
		this.lock.lock();
		try {
			List<InvocationRecord> takenRecords = new ArrayList<>(Math.min(max, this.records.size()));
			while (takenRecords.size() < max && !this.records.isEmpty()) {
				takenRecords.add(this.records.removeFirst());
			}
			int room = max - takenRecords.size();
			List<FunctionLogLine> takenLines = new ArrayList<>(Math.min(room, this.lines.size()));
			while (takenLines.size() < room && !this.lines.isEmpty()) {
				FunctionLogLine line = this.lines.removeFirst();
				this.lineChars -= line.message().length();
				takenLines.add(line);
			}
			return new RecordBatch(takenRecords, takenLines);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until a batch's worth is waiting, the time passes, or {@link #wake()} is
	 * called.
	 * @param nanos the longest wait
	 * @throws InterruptedException when interrupted
	 */
	void awaitBatch(long nanos) throws InterruptedException {
		this.lock.lock();
		try {
			long remaining = nanos;
			while (!this.woken && size() < this.batchSize && remaining > 0) {
				remaining = this.changed.awaitNanos(remaining);
			}
			this.woken = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for the time given, unless {@link #wake()} is called.
	 * @param nanos the wait
	 * @throws InterruptedException when interrupted
	 */
	void pause(long nanos) throws InterruptedException {
		this.lock.lock();
		try {
			long remaining = nanos;
			while (!this.woken && remaining > 0) {
				remaining = this.changed.awaitNanos(remaining);
			}
			this.woken = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ends the current or next wait at once (the shipper is stopping).
	 */
	void wake() {
		this.lock.lock();
		try {
			this.woken = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Drops everything waiting, counting it.
	 * @param reason why, for {@code aloft.records.dropped}
	 */
	void dropAll(String reason) {
		this.lock.lock();
		try {
			this.drops.dropped(RecordDrops.RECORD, reason, this.records.size());
			this.drops.dropped(RecordDrops.LINE, reason, this.lines.size());
			this.records.clear();
			this.lines.clear();
			this.lineChars = 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Where drops are counted.
	 * @return the counters
	 */
	RecordDrops drops() {
		return this.drops;
	}

	int size() {
		this.lock.lock();
		try {
			return this.records.size() + this.lines.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private double bufferedRecords() {
		this.lock.lock();
		try {
			return this.records.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private double bufferedLines() {
		this.lock.lock();
		try {
			return this.lines.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean dropOldestLine() {
		FunctionLogLine dropped = this.lines.pollFirst();
		if (dropped == null) {
			return false;
		}
		this.lineChars -= dropped.message().length();
		this.drops.overflow(RecordDrops.LINE, 1);
		return true;
	}

	private void signalIfBatch() {
		if (size() >= this.batchSize) {
			this.changed.signalAll();
		}
	}

}
