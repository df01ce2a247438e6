package dev.aloft.router.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MinIO's AMQP target against the local RabbitMQ (127.0.0.1:5672, guest/guest): MinIO
 * publishes its event JSON to an exchange, the router consumes the queue bound to it,
 * matches the events against bucket notifications and enqueues invocations; a message
 * that is not an S3 event notification goes to the queue's dead-letter exchange.
 */
@RouterIntegrationTest
class S3AmqpTargetIntegrationTests {

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	static final String EXCHANGE = "aloft-test-minio-" + RUN;

	static final String QUEUE = "aloft-test-s3-events-" + RUN;

	static final String DEAD_LETTERS = "aloft-test-s3-dlx-" + RUN;

	static final RouterFakes fakes = new RouterFakes();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) throws Exception {
		fakes.register(registry);
		declare();
		registry.add("aloft.event-router.s3.amqp.uri", () -> "amqp://127.0.0.1:5672");
		registry.add("aloft.event-router.s3.amqp.queue", () -> QUEUE);
		registry.add("aloft.event-router.s3.amqp.retry-delay", () -> "200ms");
	}

	@AfterAll
	static void stop() throws Exception {
		fakes.close();
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.queueDelete(QUEUE);
			channel.queueDelete(QUEUE + ".dead");
			channel.exchangeDelete(EXCHANGE);
			channel.exchangeDelete(DEAD_LETTERS);
		}
	}

	@Test
	void enqueuesAnInvocationForEachMatchingEventMinioPublishes() throws Exception {
		BucketNotificationConfig notification = S3WebhookIntegrationTests.notification("photos", "amqp-thumbnails",
				List.of("s3:ObjectCreated:*"), "images/", ".jpg");
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("amqp-thumbnails", notification));

		publish(S3WebhookIntegrationTests.fixture());
		publish(S3WebhookIntegrationTests.fixture());

		await().atMost(Duration.ofSeconds(20)).until(() -> !fakes.invoker.requests("amqp-thumbnails").isEmpty());
		await().atMost(Duration.ofSeconds(20)).until(() -> messages(QUEUE) == 0 && routed() >= 2);
		// MinIO's repeat of the same event (same sequencer) enqueues nothing new.
		assertThat(rows("amqp-thumbnails")).isEqualTo(1);
		JsonNode record = JSON.readTree(fakes.invoker.requests("amqp-thumbnails").get(0).bodyText())
			.get("Records")
			.get(0);
		assertThat(record.get("eventName").asString()).isEqualTo("ObjectCreated:Put");
		assertThat(record.get("eventSource").asString()).isEqualTo("aws:s3");
		assertThat(record.at("/s3/object/key").asString()).isEqualTo("images/red+flower.jpg");
		assertThat(record.at("/s3/configurationId").asString()).isEqualTo(notification.id());
	}

	@Test
	void setsMessagesThatAreNotObjectEventsAsideAndKeepsConsuming() throws Exception {
		BucketNotificationConfig notification = S3WebhookIntegrationTests.notification("uploads", "amqp-careful",
				List.of("s3:ObjectCreated:*"), null, null);
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("amqp-careful", notification));
		double malformedBefore = count("malformed");

		publish("EventName=s3:ObjectCreated:Put");
		publish("{\"Records\":{}}");
		publish(S3WebhookIntegrationTests.fixture().replace("\"name\":\"photos\"", "\"name\":\"uploads\""));

		await().atMost(Duration.ofSeconds(20)).until(() -> rows("amqp-careful") == 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> messages(QUEUE + ".dead") == 2);
		assertThat(count("malformed") - malformedBefore).isEqualTo(2);
		assertThat(messages(QUEUE)).isZero();
	}

	private double routed() {
		return count("routed");
	}

	private double count(String outcome) {
		Counter counter = this.registry.find("aloft.events.s3.messages")
			.tag("target", "amqp")
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

	private static void declare() throws Exception {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(DEAD_LETTERS, "fanout", false, true, null);
			channel.queueDeclare(QUEUE + ".dead", false, false, false, null);
			channel.queueBind(QUEUE + ".dead", DEAD_LETTERS, "");
			channel.exchangeDeclare(EXCHANGE, "fanout", false, true, null);
			channel.queueDeclare(QUEUE, false, false, false, Map.of("x-dead-letter-exchange", DEAD_LETTERS));
			channel.queueBind(QUEUE, EXCHANGE, "");
		}
	}

	/** Publishes as MinIO's AMQP target does: the event JSON, to its exchange. */
	private static void publish(String body) throws Exception {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.basicPublish(EXCHANGE, "bucketlogs", null, body.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static long messages(String queue) throws Exception {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			return channel.messageCount(queue);
		}
	}

	private static Connection connect() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri("amqp://127.0.0.1:5672");
		factory.setUsername("guest");
		factory.setPassword("guest");
		return factory.newConnection();
	}

}
