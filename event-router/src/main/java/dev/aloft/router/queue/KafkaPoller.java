package dev.aloft.router.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokeResult.Kind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one Kafka topic for one mapping, as Lambda does: consumer group = the
 * mapping's id, a batch is up to {@code batchSize} records gathered within the batching
 * window (500 ms when the mapping says 0), offsets are committed after the function
 * succeeded with the batch, and a failed batch is read again from its first offsets and
 * retried ({@code maximumRetryAttempts} times, or until it succeeds when -1; a batch out
 * of retries is skipped and counted as dropped). The consumer lag of its partitions is
 * kept for the metrics.
 */
final class KafkaPoller implements SourceConsumer {

	private static final Logger logger = LoggerFactory.getLogger(KafkaPoller.class);

	private static final Duration DEFAULT_WINDOW = Duration.ofMillis(500);

	private static final Duration POLL = Duration.ofMillis(200);

	private final EventSourceMappingConfig mapping;

	private final BatchInvoker invoker;

	private final QueueSourceProperties properties;

	private final String bootstrapServers;

	private final Semaphore stopping = new Semaphore(0);

	private volatile boolean running;

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
				opened.subscribe(List.of(this.mapping.topics().getFirst()));
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
		// A group's committed offsets win; without them, the mapping's starting position.
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"TRIM_HORIZON".equals(this.mapping.startingPosition()) ? "earliest" : "latest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		return properties;
	}

	private void consume(KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
		int failures = 0;
		while (this.running) {
			List<ConsumerRecord<byte[], byte[]>> batch = gather(consumer);
			updateLag(consumer);
			if (batch.isEmpty()) {
				continue;
			}
			InvokeResult result = this.invoker.invoke(this.mapping, KafkaRecords.event(batch, this.bootstrapServers),
					EventSource.KAFKA);
			if (result.kind() == Kind.SUCCESS) {
				consumer.commitSync(nextOffsets(batch));
				this.invoker.records(EventSource.KAFKA, "succeeded", batch.size());
				failures = 0;
				continue;
			}
			failures++;
			int retries = this.mapping.maximumRetryAttempts();
			if (retries >= 0 && failures > retries) {
				logger.warn("Mapping {}: dropping {} records after {} failed attempts ({})", this.mapping.id(),
						batch.size(), failures, result.detail());
				consumer.commitSync(nextOffsets(batch));
				this.invoker.records(EventSource.KAFKA, "dropped", batch.size());
				failures = 0;
				continue;
			}
			this.invoker.records(EventSource.KAFKA, "failed", batch.size());
			firstOffsets(batch).forEach(consumer::seek);
			if (pause(this.properties.restartDelay())) {
				return;
			}
		}
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

	private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> batch) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : batch) {
			offsets.merge(new TopicPartition(record.topic(), record.partition()),
					new OffsetAndMetadata(record.offset() + 1), (a, b) -> (a.offset() >= b.offset()) ? a : b);
		}
		return offsets;
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

}
