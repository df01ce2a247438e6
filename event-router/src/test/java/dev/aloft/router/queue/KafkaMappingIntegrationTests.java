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
import dev.aloft.router.dispatch.FakeInvoker;
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
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka mappings against a KRaft broker in the test JVM: Lambda's Kafka event, offsets
 * committed for the mapping's consumer group after success, a failed batch read again,
 * retries, bisection and record age with Lambda's failure record at the on-failure
 * destination (a function, or an SQS queue on an SQS-compatible server in the test JVM),
 * and the AT_TIMESTAMP starting position.
 */
@RouterIntegrationTest
class KafkaMappingIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	static final EmbeddedKafkaKraftBroker kafka = start();

	static final EmbeddedSqs sqs = EmbeddedSqs.start();

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The function every mapping here sends its failure records to. */
	static final String FAILURES = "kafka-failures";

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.queue.restart-delay", () -> "200ms");
		registry.add("aloft.event-router.queue.sqs.endpoint", () -> sqs.uri().toString());
		registry.add("aloft.event-router.queue.sqs.access-key-id", () -> EmbeddedSqs.ACCESS_KEY);
		registry.add("aloft.event-router.queue.sqs.secret-access-key", () -> EmbeddedSqs.SECRET_KEY);
	}

	@AfterAll
	static void stop() {
		fakes.close();
		kafka.destroy();
		sqs.close();
	}

	static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "clicks", "payments", "poison", "bisect",
				"aged", "stamped", "stubborn", "to-queue", "partial");
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

	@Test
	void sendsABatchOutOfRetriesToTheOnFailureDestinationAndMovesOn() throws Exception {
		fakes.invoker.answer("poison-fn", failingOn("poison"));
		send("poison", "k", "poison", Map.of());
		EventSourceMappingConfig mapping = mapping("poison", "poison-fn", 10, "TRIM_HORIZON", null, false, 2, -1,
				RouterFakes.arn(FAILURES));

		fakes.controlPlane.publish(RouterFakes.version(FAILURES, "$LATEST"));
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("poison-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> failureRecords("poison").size() == 1);
		send("poison", "k", "after", Map.of());
		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "poison") == 2);
		assertThat(values("poison-fn")).containsExactly("poison", "poison", "poison", "after");
		JsonNode record = failureRecords("poison").get(0);
		assertThat(record.properties()).extracting(Map.Entry::getKey)
			.containsExactly("requestContext", "responseContext", "version", "timestamp", "KafkaBatchInfo");
		assertThat(record.at("/requestContext/condition").asString()).isEqualTo("RetryAttemptsExhausted");
		assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
		assertThat(record.at("/requestContext/functionArn").asString()).isEqualTo(RouterFakes.arn("poison-fn"));
		String lastRequestId = fakes.invoker.requests("poison-fn").get(2).header(InvokerApi.REQUEST_ID);
		assertThat(record.at("/requestContext/requestId").asString()).isEqualTo(lastRequestId);
		assertThat(JSON.writeValueAsString(record.get("responseContext")))
			.isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}");
		assertThat(record.get("version").asString()).isEqualTo("1.0");
		assertThat(record.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		JsonNode batch = record.get("KafkaBatchInfo");
		assertThat(batch.properties()).extracting(Map.Entry::getKey)
			.containsExactly("batchSize", "bootstrapServers", "payloadSize", "recordsInfo");
		assertThat(batch.get("batchSize").asInt()).isEqualTo(1);
		assertThat(batch.get("bootstrapServers").asString()).isEqualTo(kafka.getBrokersAsString());
		assertThat(batch.get("payloadSize").asInt()).isPositive();
		JsonNode info = batch.at("/recordsInfo/poison-0");
		assertThat(info.properties()).extracting(Map.Entry::getKey)
			.containsExactly("firstRecordOffset", "lastRecordOffset", "firstRecordTimestamp", "lastRecordTimestamp");
		assertThat(info.get("firstRecordOffset").asString()).isEqualTo("0");
		assertThat(info.get("lastRecordOffset").asString()).isEqualTo("0");
	}

	@Test
	void sendsTheFailureRecordToAnSqsQueueDestination() throws Exception {
		String queueUrl = sqs.createQueue("kafka-failures", 30);
		fakes.invoker.answer("to-queue-fn", failingOn("poison"));
		send("to-queue", "k", "poison", Map.of());
		EventSourceMappingConfig mapping = mapping("to-queue", "to-queue-fn", 10, "TRIM_HORIZON", null, false, 0, -1,
				"arn:aws:sqs:us-east-1:000000000000:kafka-failures");

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("to-queue-fn", mapping));

		List<Message> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			received.addAll(sqs.client()
				.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages());
			return !received.isEmpty();
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "to-queue") == 1);
		assertThat(received).hasSize(1);
		JsonNode record = JSON.readTree(received.getFirst().body());
		assertThat(record.properties()).extracting(Map.Entry::getKey)
			.containsExactly("requestContext", "responseContext", "version", "timestamp", "KafkaBatchInfo");
		assertThat(record.at("/requestContext/condition").asString()).isEqualTo("RetryAttemptsExhausted");
		assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
		assertThat(record.at("/requestContext/functionArn").asString()).isEqualTo(RouterFakes.arn("to-queue-fn"));
		assertThat(record.at("/KafkaBatchInfo/bootstrapServers").asString()).isEqualTo(kafka.getBrokersAsString());
		assertThat(record.at("/KafkaBatchInfo/recordsInfo/to-queue-0/firstRecordOffset").asString()).isEqualTo("0");
	}

	@Test
	void bisectsAFailingBatchUntilTheBadRecordIsAloneAndKeepsOrder() throws Exception {
		fakes.invoker.answer("bisect-fn", failingOn("bad"));
		for (String value : List.of("a", "b", "bad", "d")) {
			send("bisect", "k", value, Map.of());
		}
		EventSourceMappingConfig mapping = mapping("bisect", "bisect-fn", 10, "TRIM_HORIZON", null, true, 0, -1,
				RouterFakes.arn(FAILURES));

		fakes.controlPlane.publish(RouterFakes.version(FAILURES, "$LATEST"));
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("bisect-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "bisect") == 4);
		assertThat(batches("bisect-fn")).containsExactly(List.of("a", "b", "bad", "d"), List.of("a", "b"),
				List.of("bad", "d"), List.of("bad"), List.of("d"));
		await().atMost(Duration.ofSeconds(10)).until(() -> failureRecords("bisect").size() == 1);
		JsonNode record = failureRecords("bisect").get(0);
		assertThat(record.at("/requestContext/condition").asString()).isEqualTo("RetryAttemptsExhausted");
		assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
		assertThat(record.at("/KafkaBatchInfo/batchSize").asInt()).isEqualTo(1);
		assertThat(record.at("/KafkaBatchInfo/recordsInfo/bisect-0/firstRecordOffset").asString()).isEqualTo("2");
	}

	@Test
	void retriesAPartitionFromTheLowestOffsetItsPartialBatchResponseReports() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		fakes.invoker.answer("partial-fn", (request) -> new Reply(200,
				Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "SUCCESS"),
				(calls.incrementAndGet() == 1)
						? "{\"batchItemFailures\":[{\"itemIdentifier\":{\"partition\":\"partial-0\",\"offset\":2}}]}"
						: "{\"batchItemFailures\":[]}"));
		for (String value : List.of("a", "b", "c", "d")) {
			send("partial", "k", value, Map.of());
		}
		EventSourceMappingConfig mapping = new EventSourceMappingConfig(UUID.randomUUID().toString(),
				RouterFakes.NAMESPACE, "partial-fn", "$LATEST", SourceType.KAFKA, null,
				List.of(kafka.getBrokersAsString()), List.of("partial"), List.of(), true, 10, 0, "TRIM_HORIZON", null,
				true, false, -1, -1, null, null, List.of());

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("partial-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "partial") == 4);
		assertThat(batches("partial-fn")).containsExactly(List.of("a", "b", "c", "d"), List.of("c", "d"));
	}

	@Test
	void sendsRecordsOlderThanTheMaximumAgeToTheDestinationWithoutInvoking() throws Exception {
		long now = System.currentTimeMillis();
		send("aged", "k", "stale", Map.of(), now - Duration.ofHours(2).toMillis());
		send("aged", "k", "fresh", Map.of(), now);
		EventSourceMappingConfig mapping = mapping("aged", "aged-fn", 10, "TRIM_HORIZON", null, false, -1, 60,
				RouterFakes.arn(FAILURES));

		fakes.controlPlane.publish(RouterFakes.version(FAILURES, "$LATEST"));
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("aged-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "aged") == 2);
		assertThat(values("aged-fn")).containsExactly("fresh");
		await().atMost(Duration.ofSeconds(10)).until(() -> failureRecords("aged").size() == 1);
		JsonNode record = failureRecords("aged").get(0);
		assertThat(record.at("/requestContext/condition").asString()).isEqualTo("RecordAgeExceeded");
		assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
		assertThat(record.get("responseContext").isNull()).isTrue();
		assertThat(record.at("/KafkaBatchInfo/recordsInfo/aged-0/lastRecordOffset").asString()).isEqualTo("0");
	}

	@Test
	void retriesForEverBecomeTenWithAnOnFailureDestination() throws Exception {
		fakes.invoker.answer("stubborn-fn", failingOn("stuck"));
		send("stubborn", "k", "stuck", Map.of());
		EventSourceMappingConfig mapping = mapping("stubborn", "stubborn-fn", 10, "TRIM_HORIZON", null, false, -1, -1,
				RouterFakes.arn(FAILURES));

		fakes.controlPlane.publish(RouterFakes.version(FAILURES, "$LATEST"));
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("stubborn-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> failureRecords("stubborn").size() == 1);
		assertThat(failureRecords("stubborn").get(0).at("/requestContext/approximateInvokeCount").asInt())
			.isEqualTo(11);
		assertThat(values("stubborn-fn")).hasSize(11);
		await().atMost(Duration.ofSeconds(10)).until(() -> committed(mapping, "stubborn") == 1);
	}

	@Test
	void startsAtATimestampWhenTheGroupHasNoOffsets() throws Exception {
		long now = System.currentTimeMillis();
		send("stamped", "k", "early", Map.of(), now - Duration.ofHours(3).toMillis());
		send("stamped", "k", "late-1", Map.of(), now - Duration.ofHours(1).toMillis());
		send("stamped", "k", "late-2", Map.of(), now);
		long from = (now - Duration.ofHours(2).toMillis()) / 1000;
		EventSourceMappingConfig mapping = mapping("stamped", "stamped-fn", 10, "AT_TIMESTAMP", from, false, -1, -1,
				null);

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("stamped-fn", mapping));

		await().atMost(Duration.ofSeconds(30)).until(() -> committed(mapping, "stamped") == 3);
		assertThat(values("stamped-fn")).containsExactly("late-1", "late-2");
	}

	private static FakeInvoker.Answer failingOn(String value) {
		return (request) -> {
			boolean fail = batchValues(request).contains(value);
			return new Reply(200,
					fail ? Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "FUNCTION_ERROR",
							InvokerApi.EXECUTED_VERSION, request.version(), InvokerApi.FUNCTION_ERROR,
							InvokerApi.UNHANDLED)
							: Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "SUCCESS",
									InvokerApi.EXECUTED_VERSION, request.version()),
					fail ? "{\"errorMessage\":\"bad record\",\"errorType\":\"Error\"}" : "{}");
		};
	}

	private static List<JsonNode> failureRecords(String topic) {
		List<JsonNode> records = new ArrayList<>();
		for (Recorded request : fakes.invoker.requests(FAILURES)) {
			JsonNode record = JSON.readTree(request.bodyText());
			if (record.at("/KafkaBatchInfo/recordsInfo").has(topic + "-0")) {
				records.add(record);
			}
		}
		return records;
	}

	private static List<List<String>> batches(String function) {
		return fakes.invoker.requests(function).stream().map(KafkaMappingIntegrationTests::batchValues).toList();
	}

	private static List<String> batchValues(Recorded request) {
		List<String> values = new ArrayList<>();
		JSON.readTree(request.bodyText())
			.get("records")
			.forEach((partition) -> partition.forEach((record) -> values.add(decode(record.get("value").asString()))));
		return values;
	}

	private double lag() {
		var gauge = this.registry.find("aloft.events.source.lag").tag("source", "kafka").gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	private static void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
		send(topic, key, value, headers, null);
	}

	private static void send(String topic, String key, String value, Map<String, String> headers, Long timestamp)
			throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, timestamp,
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
			values.addAll(batchValues(request));
		}
		return values;
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	private static EventSourceMappingConfig mapping(String topic, String function) {
		return mapping(topic, function, 100, "TRIM_HORIZON", null, false, -1, -1, null);
	}

	private static EventSourceMappingConfig mapping(String topic, String function, int batchSize,
			String startingPosition, Long timestamp, boolean bisect, int retries, int maximumAge, String onFailure) {
		return new EventSourceMappingConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, function, "$LATEST",
				SourceType.KAFKA, null, List.of(kafka.getBrokersAsString()), List.of(topic), List.of(), true, batchSize,
				0, startingPosition, timestamp, false, bisect, retries, maximumAge, onFailure, null, List.of());
	}

}
