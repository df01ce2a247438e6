package dev.aloft.router.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker.Recorded;
import dev.aloft.router.dispatch.FakeInvoker.Reply;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka mappings against a KRaft broker in the test JVM: Lambda's Kafka event, offsets
 * committed for the mapping's consumer group after success, a failed batch read again.
 */
@RouterIntegrationTest
class KafkaMappingIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	static final EmbeddedKafkaKraftBroker kafka = start();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.queue.restart-delay", () -> "200ms");
	}

	@AfterAll
	static void stop() {
		fakes.close();
		kafka.destroy();
	}

	static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "clicks", "payments");
		broker.afterPropertiesSet();
		return broker;
	}

	@Test
	void invokesWithKafkaEventsAndCommitsAfterSuccess() throws Exception {
		send("clicks", "user-1", "click-0", Map.of("source", "web"));
		send("clicks", null, "click-1", Map.of());
		send("clicks", "user-2", "click-2", Map.of());
		EventSourceMappingConfig mapping = mapping("clicks", "clicks-fn");

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("clicks-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "clicks") == 3);
		assertThat(values("clicks-fn")).containsExactly("click-0", "click-1", "click-2");
		Recorded request = fakes.invoker.requests("clicks-fn").get(0);
		assertThat(request.header(InvokerApi.TRIGGER)).isEqualTo("kafka");
		JsonNode event = JSON.readTree(request.bodyText());
		assertThat(event.get("eventSource").asString()).isEqualTo("SelfManagedKafka");
		assertThat(event.get("bootstrapServers").asString()).isEqualTo(kafka.getBrokersAsString());
		JsonNode first = event.at("/records/clicks-0/0");
		assertThat(first.properties()).extracting(Map.Entry::getKey)
			.containsExactly("topic", "partition", "offset", "timestamp", "timestampType", "key", "value", "headers");
		assertThat(first.get("offset").asLong()).isZero();
		assertThat(first.get("timestampType").asString()).isEqualTo("CREATE_TIME");
		assertThat(decode(first.get("key").asString())).isEqualTo("user-1");
		assertThat(JSON.writeValueAsString(first.get("headers"))).isEqualTo("[{\"source\":[119,101,98]}]");
		assertThat(event.at("/records/clicks-0/1").has("key")).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> lag() == 0);
	}

	@Test
	void readsAFailedBatchAgainUntilItSucceeds() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		fakes.invoker.answer("payments-fn", (request) -> {
			boolean fail = calls.incrementAndGet() == 1;
			return new Reply(200,
					fail ? Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "FUNCTION_ERROR",
							InvokerApi.FUNCTION_ERROR, InvokerApi.UNHANDLED)
							: Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "SUCCESS"),
					fail ? "{\"errorMessage\":\"down\",\"errorType\":\"Error\"}" : "{}");
		});
		send("payments", "p", "payment-0", Map.of());
		EventSourceMappingConfig mapping = mapping("payments", "payments-fn");

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("payments-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "payments") == 1);
		assertThat(values("payments-fn")).containsExactly("payment-0", "payment-0");
	}

	private double lag() {
		var gauge = this.registry.find("aloft.events.source.lag").tag("source", "kafka").gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	private static void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
					(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null,
					value.getBytes(StandardCharsets.UTF_8));
			headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get();
		}
	}

	private static long committed(EventSourceMappingConfig mapping, String topic) throws Exception {
		Properties properties = new Properties();
		properties.put("bootstrap.servers", kafka.getBrokersAsString());
		try (AdminClient admin = AdminClient.create(properties)) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(mapping.id())
				.partitionsToOffsetAndMetadata()
				.get();
			OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
			return (offset != null) ? offset.offset() : -1;
		}
	}

	private static List<String> values(String function) {
		List<String> values = new ArrayList<>();
		for (Recorded request : fakes.invoker.requests(function)) {
			JSON.readTree(request.bodyText())
				.get("records")
				.forEach((partition) -> partition
					.forEach((record) -> values.add(decode(record.get("value").asString()))));
		}
		return values;
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	private static EventSourceMappingConfig mapping(String topic, String function) {
		return new EventSourceMappingConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, function, "$LATEST",
				SourceType.KAFKA, null, List.of(kafka.getBrokersAsString()), List.of(topic), List.of(), true, 100, 0,
				"TRIM_HORIZON", null, false, false, -1, -1, null, null, List.of());
	}

}
