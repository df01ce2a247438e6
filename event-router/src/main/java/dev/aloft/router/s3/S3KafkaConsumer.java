package dev.aloft.router.s3;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Consumes the object events MinIO's Kafka target produces, from the configured topic, in
 * order per partition: the group's offset moves past a message only once the invocations
 * it leads to are committed to the router's queue, or once it was logged and counted as
 * not an S3 event notification. When events cannot be enqueued now, the partition is read
 * again from that message after the retry delay. Reconnects by itself when the cluster
 * goes away.
 */
@Component
@ConditionalOnProperty(prefix = "aloft.event-router.s3.kafka", name = "topic")
class S3KafkaConsumer extends ObjectEventConsumer {

	private static final Logger logger = LoggerFactory.getLogger(S3KafkaConsumer.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final S3KafkaProperties properties;

	private final ObjectEventMessages messages;

	private final String topic;

	private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;

	S3KafkaConsumer(S3KafkaProperties properties, ObjectEventMessages messages) {
		super("s3-kafka");
		this.properties = properties;
		this.messages = messages;
		this.topic = (properties.topic() != null) ? properties.topic() : "";
	}

	@Override
	void consumeUntilStopped() {
		while (running()) {
			try (KafkaConsumer<byte[], byte[]> opened = new KafkaConsumer<>(consumerProperties())) {
				this.consumer = opened;
				opened.subscribe(List.of(this.topic));
				logger.info("Consuming object events from Kafka topic {}", this.topic);
				while (running()) {
					consume(opened, opened.poll(POLL));
				}
			}
			catch (WakeupException | InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!running()) {
					return;
				}
				logger.warn("Cannot consume object events from Kafka topic {}; retrying in {}: {}", this.topic,
						this.properties.retryDelay(), ex.toString());
				if (pause(this.properties.retryDelay())) {
					return;
				}
			}
			finally {
				this.consumer = null;
			}
		}
	}

	@Override
	void wake() {
		KafkaConsumer<byte[], byte[]> active = this.consumer;
		if (active != null) {
			active.wakeup();
		}
	}

	private Properties consumerProperties() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.properties.bootstrapServers()));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, this.properties.groupId());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "aloft-event-router-s3");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		// A new group reads what MinIO produced before the router first started.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		return config;
	}

	private void consume(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records)
			throws InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
		boolean failed = false;
		for (TopicPartition partition : records.partitions()) {
			for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
				String position = partition + "@" + record.offset();
				try {
					byte[] body = (record.value() != null) ? record.value() : new byte[0];
					this.messages.accept("kafka", position, body);
					done.put(partition, new OffsetAndMetadata(record.offset() + 1));
				}
				catch (RuntimeException ex) {
					logger.warn("Object events at {} could not be enqueued; reading them again in {}: {}", position,
							this.properties.retryDelay(), ex.toString());
					consumer.seek(partition, record.offset());
					failed = true;
					break;
				}
			}
		}
		if (!done.isEmpty()) {
			consumer.commitSync(done);
		}
		if (failed) {
			pause(this.properties.retryDelay());
		}
	}

}
