package dev.aloft.router.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MinIO's Kafka target against a KRaft broker in the test JVM: MinIO produces its event
 * JSON to a topic, the router consumes it, matches the events against bucket
 * notifications and enqueues invocations, and moves past messages that are not S3 event
 * notifications after counting them.
 */
@RouterIntegrationTest
class S3KafkaTargetIntegrationTests {

	static final String TOPIC = "minio-events";

	static final String GROUP = "aloft-event-router-s3-test";

	static final RouterFakes fakes = new RouterFakes();

	static final EmbeddedKafkaKraftBroker kafka = start();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.s3.kafka.bootstrap-servers", kafka::getBrokersAsString);
		registry.add("aloft.event-router.s3.kafka.topic", () -> TOPIC);
		registry.add("aloft.event-router.s3.kafka.group-id", () -> GROUP);
		registry.add("aloft.event-router.s3.kafka.retry-delay", () -> "200ms");
	}

	@AfterAll
	static void stop() {
		fakes.close();
		kafka.destroy();
	}

	static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
		broker.afterPropertiesSet();
		return broker;
	}

	@Test
	void enqueuesMatchingEventsAndMovesPastMessagesThatAreNotEvents() throws Exception {
		BucketNotificationConfig notification = S3WebhookIntegrationTests.notification("photos", "kafka-thumbnails",
				List.of("s3:ObjectCreated:Put"), "images/", null);
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("kafka-thumbnails", notification));
		long before = committed();

		send("not json at all");
		send(S3WebhookIntegrationTests.fixture());
		send("{\"Records\":[{\"eventName\":\"s3:ObjectCreated:Put\"}]}");
		send(S3WebhookIntegrationTests.fixture());

		await().atMost(Duration.ofSeconds(30)).until(() -> committed() == before + 4);
		assertThat(count("malformed")).isEqualTo(2);
		assertThat(count("routed")).isEqualTo(2);
		// MinIO's repeat of the same event (same sequencer) enqueues nothing new.
		assertThat(rows("kafka-thumbnails")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> !fakes.invoker.requests("kafka-thumbnails").isEmpty());
		JsonNode record = JSON.readTree(fakes.invoker.requests("kafka-thumbnails").get(0).bodyText())
			.get("Records")
			.get(0);
		assertThat(record.get("eventName").asString()).isEqualTo("ObjectCreated:Put");
		assertThat(record.get("eventSource").asString()).isEqualTo("aws:s3");
		assertThat(record.at("/s3/configurationId").asString()).isEqualTo(notification.id());
	}

	private double count(String outcome) {
		Counter counter = this.registry.find("aloft.events.s3.messages")
			.tag("target", "kafka")
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long rows(String function) {
		return this.jdbc.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name = :function AND source = 's3'")
			.param("function", function)
			.query(Long.class)
			.single();
	}

	/** Produces as MinIO's Kafka target does: the event JSON as the value. */
	private static void send(String value) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
			producer
				.send(new ProducerRecord<>(TOPIC, "photos/images/red+flower.jpg".getBytes(StandardCharsets.UTF_8),
						value.getBytes(StandardCharsets.UTF_8)))
				.get();
		}
	}

	private static long committed() throws Exception {
		Properties properties = new Properties();
		properties.put("bootstrap.servers", kafka.getBrokersAsString());
		try (AdminClient admin = AdminClient.create(properties)) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get();
			OffsetAndMetadata offset = offsets.get(new TopicPartition(TOPIC, 0));
			return (offset != null) ? offset.offset() : 0;
		}
	}

}
