package dev.aloft.invoker.records;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer between the pool and the shipper: bounded, oldest log lines dropped first,
 * records kept preferentially, every drop counted.
 */
class RecordBufferTests {

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RecordDrops drops = new RecordDrops(this.registry);

	@Test
	void whenFullTheOldestLinesAreDroppedFirst() {
		RecordBuffer buffer = new RecordBuffer(5, 1_000_000, 100, this.drops, this.registry);
		buffer.add(record("r1"));
		for (int i = 1; i <= 4; i++) {
			buffer.add(line("l" + i));
		}

		buffer.add(record("r2"));
		buffer.add(line("l5"));

		RecordBatch taken = buffer.take(10);
		assertThat(taken.invocations()).extracting(InvocationRecord::requestId).containsExactly("r1", "r2");
		assertThat(taken.logs()).extracting(FunctionLogLine::message).containsExactly("l3", "l4", "l5");
		assertThat(dropped(RecordDrops.LINE, RecordDrops.OVERFLOW)).isEqualTo(2);
		assertThat(dropped(RecordDrops.RECORD, RecordDrops.OVERFLOW)).isZero();
	}

	@Test
	void recordsAreDroppedOnlyWhenNothingElseIsLeft() {
		RecordBuffer buffer = new RecordBuffer(3, 1_000_000, 100, this.drops, this.registry);
		buffer.add(record("r1"));
		buffer.add(record("r2"));
		buffer.add(record("r3"));

		buffer.add(line("no room"));
		buffer.add(record("r4"));

		RecordBatch taken = buffer.take(10);
		assertThat(taken.invocations()).extracting(InvocationRecord::requestId).containsExactly("r2", "r3", "r4");
		assertThat(taken.logs()).isEmpty();
		assertThat(dropped(RecordDrops.LINE, RecordDrops.OVERFLOW)).isEqualTo(1);
		assertThat(dropped(RecordDrops.RECORD, RecordDrops.OVERFLOW)).isEqualTo(1);
	}

	@Test
	void theLinesTextIsBoundedByMemory() {
		RecordBuffer buffer = new RecordBuffer(100, 40, 100, this.drops, this.registry);
		buffer.add(line("a".repeat(10)));
		buffer.add(line("b".repeat(10)));

		buffer.add(line("c".repeat(5)));

		assertThat(buffer.take(10).logs()).extracting(FunctionLogLine::message)
			.containsExactly("b".repeat(10), "c".repeat(5));
		assertThat(dropped(RecordDrops.LINE, RecordDrops.OVERFLOW)).isEqualTo(1);
	}

	@Test
	void takeGivesRecordsFirstThenLinesUpToTheMaximum() {
		RecordBuffer buffer = new RecordBuffer(100, 1_000_000, 100, this.drops, this.registry);
		buffer.add(line("l1"));
		buffer.add(record("r1"));
		buffer.add(line("l2"));
		buffer.add(record("r2"));

		RecordBatch first = buffer.take(3);
		RecordBatch rest = buffer.take(3);

		assertThat(first.invocations()).extracting(InvocationRecord::requestId).containsExactly("r1", "r2");
		assertThat(first.logs()).extracting(FunctionLogLine::message).containsExactly("l1");
		assertThat(rest.invocations()).isEmpty();
		assertThat(rest.logs()).extracting(FunctionLogLine::message).containsExactly("l2");
		assertThat(buffer.size()).isZero();
	}

	@Test
	void aWaitingShipperWakesWhenABatchIsFull() throws Exception {
		RecordBuffer buffer = new RecordBuffer(100, 1_000_000, 3, this.drops, this.registry);
		CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> {
			try {
				buffer.awaitBatch(TimeUnit.MINUTES.toNanos(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});

		buffer.add(record("r1"));
		buffer.add(line("l1"));
		buffer.add(line("l2"));

		waited.get(30, TimeUnit.SECONDS);
		assertThat(buffer.size()).isEqualTo(3);
	}

	@Test
	void whatIsBufferedIsAGauge() {
		RecordBuffer buffer = new RecordBuffer(100, 1_000_000, 100, this.drops, this.registry);
		buffer.add(record("r1"));
		buffer.add(line("l1"));
		buffer.add(line("l2"));

		assertThat(this.registry.get("aloft.records.buffered").tag("kind", RecordDrops.RECORD).gauge().value())
			.isEqualTo(1);
		assertThat(this.registry.get("aloft.records.buffered").tag("kind", RecordDrops.LINE).gauge().value())
			.isEqualTo(2);
	}

	private double dropped(String kind, String reason) {
		var counter = this.registry.find("aloft.records.dropped").tag("kind", kind).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static InvocationRecord record(String requestId) {
		return new InvocationRecord(requestId, "default", "fn", "$LATEST", "http", InvocationOutcome.SUCCESS, null,
				false, 0, 1, 10, 10, 128, 30, NOW, NOW.plusMillis(11), "invoker");
	}

	static FunctionLogLine line(String message) {
		return new FunctionLogLine("req", "default", "fn", "$LATEST", NOW, "stdout", message);
	}

}
