package dev.aloft.router.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one Kafka topic for one mapping, as Lambda does: consumer group = the
 * mapping's id, a batch is up to {@code batchSize} records gathered within the batching
 * window (500 ms when the mapping says 0), and {@link KafkaBatches} settles each batch
 * with Lambda's retries, bisection, record age and on-failure destination, committing the
 * group's offsets as records are settled. The partitions stay paused while a batch is
 * being settled, and the consumer keeps polling between attempts so that it keeps its
 * place in the group; when its partitions are taken away meanwhile (another router joined
 * the group) the batch is abandoned and read again from the committed offsets.
 * <p>
 * A group's committed offsets win; without them the mapping's starting position decides:
 * {@code TRIM_HORIZON} (earliest), {@code LATEST}, or {@code AT_TIMESTAMP} (the first
 * offset at or after {@code startingPositionTimestamp}, by {@code offsetsForTimes}; the
 * end when there is none). The consumer lag of its partitions is kept for the metrics.
 */
final class KafkaPoller implements SourceConsumer {

	private static final Logger logger = LoggerFactory.getLogger(KafkaPoller.class);

	private static final Duration DEFAULT_WINDOW = Duration.ofMillis(500);

	private static final Duration POLL = Duration.ofMillis(200);

	/**
	 * How long the consumer may go without polling before the group gives its partitions
	 * to another member: longer than the longest function timeout, as one invocation runs
	 * between two polls.
	 */
	private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(16);

	private final EventSourceMappingConfig mapping;

	private final BatchInvoker invoker;

	private final QueueSourceProperties properties;

	private final String bootstrapServers;

	private final KafkaBatches batches;

	private final Semaphore stopping = new Semaphore(0);

	private volatile boolean running;

	/** Set by the rebalance listener: the batch being settled must be abandoned. */
	private volatile boolean revoked;

	private volatile long lag;

	private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;

	private @Nullable Thread thread;

	KafkaPoller(EventSourceMappingConfig mapping, BatchInvoker invoker, QueueSourceProperties properties) {
		if (mapping.endpoints().isEmpty() || mapping.topics().size() != 1) {
			throw new IllegalArgumentException("Mapping " + mapping.id() + " needs bootstrap servers and one topic");
		}
		this.mapping = mapping;
		this.invoker = invoker;
		this.properties = properties;
		this.bootstrapServers = String.join(",", mapping.endpoints());
		this.batches = new KafkaBatches(mapping, invoker, this.bootstrapServers, properties.restartDelay(),
				Clock.systemUTC());
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("kafka-" + this.mapping.id()).start(this::run);
	}

	@Override
	public void close() {
		Thread current;
		synchronized (this) {
			this.running = false;
			current = this.thread;
		}
		this.stopping.release();
		KafkaConsumer<byte[], byte[]> active = this.consumer;
		if (active != null) {
			active.wakeup();
		}
		if (current != null) {
			try {
				current.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public long lag() {
		return this.lag;
	}

	private void run() {
		while (this.running) {
			try (KafkaConsumer<byte[], byte[]> opened = new KafkaConsumer<>(consumerProperties())) {
				this.consumer = opened;
				opened.subscribe(List.of(this.mapping.topics().getFirst()), new Rebalancing(opened));
				consume(opened);
			}
			catch (WakeupException | InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				logger.warn("Cannot consume Kafka topic {} of mapping {}; retrying in {}: {}",
						this.mapping.topics().getFirst(), this.mapping.id(), this.properties.restartDelay(),
						ex.toString());
				if (pause(this.properties.restartDelay())) {
					return;
				}
			}
			finally {
				this.consumer = null;
			}
		}
	}

	private Properties consumerProperties() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, this.mapping.id());
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "aloft-event-router-" + this.mapping.id());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(this.mapping.batchSize()));
		properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(MAX_POLL_INTERVAL.toMillis()));
		// A group's committed offsets win; without them, the mapping's starting position
		// (AT_TIMESTAMP seeks when partitions are assigned, see Rebalancing).
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"TRIM_HORIZON".equals(this.mapping.startingPosition()) ? "earliest" : "latest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		return properties;
	}

	private void consume(KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
		while (this.running) {
			this.revoked = false;
			List<ConsumerRecord<byte[], byte[]>> batch = gather(consumer);
			updateLag(consumer);
			if (batch.isEmpty()) {
				continue;
			}
			if (this.revoked) {
				// Some of these partitions may belong to another member now.
				rewind(consumer, batch);
				continue;
			}
			Collection<TopicPartition> paused = consumer.assignment();
			consumer.pause(paused);
			try {
				List<ConsumerRecord<byte[], byte[]>> unsettled = this.batches.settle(batch, new Progress(consumer));
				rewind(consumer, unsettled);
			}
			finally {
				consumer.resume(consumer.paused());
			}
		}
	}

	/**
	 * Moves the partitions this consumer still holds back to the first of the records
	 * given, so that they are read again.
	 */
	private static void rewind(KafkaConsumer<byte[], byte[]> consumer, List<ConsumerRecord<byte[], byte[]>> records) {
		firstOffsets(records).forEach((partition, offset) -> {
			if (consumer.assignment().contains(partition)) {
				consumer.seek(partition, offset);
			}
		});
	}

	/**
	 * Polls until the batch is full or the window, counted from the first record, ends.
	 */
	private List<ConsumerRecord<byte[], byte[]>> gather(KafkaConsumer<byte[], byte[]> consumer) {
		List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
		Duration window = (this.mapping.maximumBatchingWindowSeconds() > 0)
				? Duration.ofSeconds(this.mapping.maximumBatchingWindowSeconds()) : DEFAULT_WINDOW;
		long deadline = 0;
		do {
			Duration wait = batch.isEmpty() ? POLL : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			consumer.poll(wait).forEach(batch::add);
			if (deadline == 0 && !batch.isEmpty()) {
				deadline = System.nanoTime() + window.toNanos();
			}
			if (batch.size() >= this.mapping.batchSize()) {
				// A poll may return more than asked across partitions: keep the rest.
				List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>(batch.subList(0, this.mapping.batchSize()));
				firstOffsets(batch.subList(this.mapping.batchSize(), batch.size())).forEach(consumer::seek);
				return kept;
			}
		}
		while (this.running && !batch.isEmpty() && System.nanoTime() < deadline);
		return batch;
	}

	private void updateLag(KafkaConsumer<byte[], byte[]> consumer) {
		long total = 0;
		for (TopicPartition partition : consumer.assignment()) {
			OptionalLong partitionLag = consumer.currentLag(partition);
			total += partitionLag.orElse(0);
		}
		this.lag = total;
	}

	private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			offsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
		}
		return offsets;
	}

	/** Waits, or returns true at once when the poller is stopping. */
	private boolean pause(Duration duration) {
		try {
			return this.stopping.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS) || !this.running;
		}
		catch (InterruptedException ex) {
			return true;
		}
	}

	/**
	 * Keeps the consumer in its group between attempts and commits the settled offsets.
	 */
	private final class Progress implements KafkaBatches.Progress {

		private final KafkaConsumer<byte[], byte[]> consumer;

		Progress(KafkaConsumer<byte[], byte[]> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void commit(Map<TopicPartition, Long> offsets) {
			Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
			offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
			this.consumer.commitSync(commits);
		}

		@Override
		public boolean pause(Duration delay) {
			if (KafkaPoller.this.pause(delay)) {
				return false;
			}
			// The assigned partitions are paused: this polls only to stay in the group.
			// What
			// it returns comes from partitions assigned anew, which are not paused.
			ConsumerRecords<byte[], byte[]> records = this.consumer.poll(Duration.ZERO);
			if (!records.isEmpty()) {
				List<ConsumerRecord<byte[], byte[]>> returned = new ArrayList<>();
				records.forEach(returned::add);
				rewind(this.consumer, returned);
				KafkaPoller.this.revoked = true;
			}
			return !KafkaPoller.this.revoked;
		}

	}

	/**
	 * Notes when partitions are taken away, and places newly assigned partitions without
	 * committed offsets at the mapping's {@code AT_TIMESTAMP} starting position.
	 */
	private final class Rebalancing implements ConsumerRebalanceListener {

		private final KafkaConsumer<byte[], byte[]> consumer;

		Rebalancing(KafkaConsumer<byte[], byte[]> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			if (!partitions.isEmpty()) {
				KafkaPoller.this.revoked = true;
			}
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			Long timestamp = KafkaPoller.this.mapping.startingPositionTimestamp();
			if (partitions.isEmpty() || !"AT_TIMESTAMP".equals(KafkaPoller.this.mapping.startingPosition())
					|| timestamp == null) {
				return;
			}
			Map<TopicPartition, OffsetAndMetadata> committed = this.consumer.committed(new HashSet<>(partitions));
			Map<TopicPartition, Long> search = new HashMap<>();
			for (TopicPartition partition : partitions) {
				if (committed.get(partition) == null) {
					search.put(partition, timestamp * 1000);
				}
			}
			if (search.isEmpty()) {
				return;
			}
			Map<TopicPartition, @Nullable OffsetAndTimestamp> found = this.consumer.offsetsForTimes(search);
			List<TopicPartition> atEnd = new ArrayList<>();
			search.keySet().forEach((partition) -> {
				OffsetAndTimestamp offset = found.get(partition);
				if (offset != null) {
					this.consumer.seek(partition, offset.offset());
				}
				else {
					atEnd.add(partition);
				}
			});
			if (!atEnd.isEmpty()) {
				this.consumer.seekToEnd(atEnd);
			}
		}

	}

}
