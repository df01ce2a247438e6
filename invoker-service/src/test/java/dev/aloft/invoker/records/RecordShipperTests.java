package dev.aloft.invoker.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static dev.aloft.invoker.records.RecordBufferTests.line;
import static dev.aloft.invoker.records.RecordBufferTests.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipper against a control plane that stores, fails, refuses and recovers.
 */
class RecordShipperTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FakeSender controlPlane = new FakeSender();

	private RecordBuffer buffer;

	private RecordShipper shipper;

	@AfterEach
	void stop() {
		if (this.shipper != null && this.shipper.isRunning()) {
			this.shipper.stop();
		}
	}

	@Test
	void shipsWhatIsBufferedInBatchesOfAtMostTheMaximum() {
		start(Duration.ofMillis(50), 2);
		for (int i = 0; i < 5; i++) {
			this.buffer.add(record("r" + i));
		}

		await().atMost(WAIT).until(() -> this.controlPlane.storedRecords().size() == 5);
		assertThat(this.controlPlane.storedRecords()).containsExactly("r0", "r1", "r2", "r3", "r4");
		assertThat(this.controlPlane.attempts())
			.allSatisfy((attempt) -> assertThat(RecordShipper.size(attempt.batch())).isLessThanOrEqualTo(2));
		assertThat(this.registry.get("aloft.records.sent").tag("kind", RecordDrops.RECORD).counter().count())
			.isEqualTo(5);
	}

	@Test
	void aFailingControlPlaneGetsTheSameBatchAgainUntilItRecovers() {
		this.controlPlane.available = false;
		start(Duration.ofMillis(20), 100);
		this.buffer.add(record("r1"));
		this.buffer.add(line("l1"));
		await().atMost(WAIT).until(() -> this.controlPlane.attempts().size() >= 3);
		this.buffer.add(record("r2"));
		this.buffer.add(line("l2"));

		this.controlPlane.available = true;

		await().atMost(WAIT).until(() -> this.controlPlane.storedRecords().size() == 2);
		await().atMost(WAIT).until(() -> this.controlPlane.storedLines().size() == 2);
		assertThat(this.controlPlane.storedRecords()).containsExactly("r1", "r2");
		assertThat(this.controlPlane.storedLines()).containsExactly("l1", "l2");
		Attempt first = this.controlPlane.attempts().getFirst();
		assertThat(this.controlPlane.attempts().subList(0, 3))
			.allSatisfy((attempt) -> assertThat(attempt.key()).isEqualTo(first.key()))
			.allSatisfy((attempt) -> assertThat(attempt.batch()).isEqualTo(first.batch()));
		assertThat(this.registry.find("aloft.records.dropped").counters()).isEmpty();
	}

	@Test
	void aRefusedItemIsFoundByHalvingAndDroppedAlone() {
		this.controlPlane.refusing = (
				batch) -> batch.invocations().stream().anyMatch((record) -> record.requestId().equals("bad"));
		start(Duration.ofMillis(20), 100);
		this.buffer.add(record("r1"));
		this.buffer.add(record("bad"));
		this.buffer.add(record("r2"));
		this.buffer.add(record("r3"));
		this.buffer.add(line("l1"));

		await().atMost(WAIT).until(() -> this.controlPlane.storedLines().size() == 1);
		await().atMost(WAIT).until(() -> this.controlPlane.storedRecords().size() == 3);
		assertThat(this.controlPlane.storedRecords()).containsExactly("r1", "r2", "r3");
		assertThat(this.registry.get("aloft.records.dropped")
			.tag("kind", RecordDrops.RECORD)
			.tag("reason", RecordDrops.REJECTED)
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void stoppingSendsWhatIsStillBuffered() {
		start(Duration.ofHours(1), 100);
		this.buffer.add(record("r1"));
		this.buffer.add(line("l1"));
		this.buffer.add(line("l2"));

		this.shipper.stop();

		assertThat(this.controlPlane.storedRecords()).containsExactly("r1");
		assertThat(this.controlPlane.storedLines()).containsExactly("l1", "l2");
		assertThat(this.shipper.isRunning()).isFalse();
	}

	@Test
	void stoppingWhileTheControlPlaneIsDownDropsTheRestAndCountsIt() {
		this.controlPlane.available = false;
		start(Duration.ofHours(1), 100);
		this.buffer.add(record("r1"));
		this.buffer.add(line("l1"));
		this.buffer.add(line("l2"));

		this.shipper.stop();

		assertThat(this.controlPlane.storedRecords()).isEmpty();
		assertThat(this.registry.get("aloft.records.dropped")
			.tag("kind", RecordDrops.RECORD)
			.tag("reason", RecordDrops.SHUTDOWN)
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("aloft.records.dropped")
			.tag("kind", RecordDrops.LINE)
			.tag("reason", RecordDrops.SHUTDOWN)
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.buffer.size()).isZero();
	}

	@Test
	void halvesKeepTheOrderAndSplitAcrossRecordsAndLines() {
		RecordBatch batch = new RecordBatch(List.of(record("r1"), record("r2"), record("r3")),
				List.of(line("l1"), line("l2")));

		List<RecordBatch> halves = RecordShipper.halves(batch);

		assertThat(halves.get(0).invocations()).extracting(InvocationRecord::requestId)
			.containsExactly("r1", "r2", "r3");
		assertThat(halves.get(0).logs()).isEmpty();
		assertThat(halves.get(1).invocations()).isEmpty();
		assertThat(halves.get(1).logs()).extracting(FunctionLogLine::message).containsExactly("l1", "l2");
	}

	private void start(Duration flushInterval, int maxBatch) {
		RecordsProperties properties = new RecordsProperties(true, flushInterval, maxBatch, 1000,
				DataSize.ofMegabytes(1), 1000, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
		this.buffer = new RecordBuffer(properties.bufferCapacity(), properties.bufferMemory().toBytes(), maxBatch,
				new RecordDrops(this.registry), this.registry);
		this.shipper = new RecordShipper(this.buffer, this.controlPlane, properties, Duration.ofSeconds(5),
				this.registry);
		this.shipper.start();
	}

	/**
	 * A control plane in memory: stores each batch key once, like the real one.
	 */
	static final class FakeSender implements RecordSender {

		volatile boolean available = true;

		volatile Predicate<RecordBatch> refusing = (batch) -> false;

		private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

		private final Map<String, RecordBatch> stored = new ConcurrentHashMap<>();

		private final List<String> storedRecords = new CopyOnWriteArrayList<>();

		private final List<String> storedLines = new CopyOnWriteArrayList<>();

		@Override
		public Delivery send(RecordBatch batch, String batchKey, Duration timeout) {
			this.attempts.add(new Attempt(batchKey, batch));
			if (!this.available) {
				return new Delivery(Result.FAILED, "unavailable");
			}
			if (this.refusing.test(batch)) {
				return new Delivery(Result.REFUSED, "refused");
			}
			if (this.stored.putIfAbsent(batchKey, batch) == null) {
				batch.invocations().forEach((record) -> this.storedRecords.add(record.requestId()));
				batch.logs().forEach((line) -> this.storedLines.add(line.message()));
			}
			return Delivery.STORED;
		}

		List<Attempt> attempts() {
			return new ArrayList<>(this.attempts);
		}

		List<String> storedRecords() {
			return List.copyOf(this.storedRecords);
		}

		List<String> storedLines() {
			return List.copyOf(this.storedLines);
		}

	}

	record Attempt(String key, RecordBatch batch) {
	}

}
