package dev.aloft.router.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker.Recorded;
import dev.aloft.router.dispatch.FakeInvoker.Reply;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ mappings against the local RabbitMQ (127.0.0.1:5672, guest/guest): batches of
 * SQS-shaped records no bigger than the prefetch, acks on success, and rejection to the
 * queue's dead-letter exchange after the retries.
 */
@RouterIntegrationTest
class RabbitMqMappingIntegrationTests {

	static final String BROKER = "amqp://127.0.0.1:5672";

	static final RouterFakes fakes = new RouterFakes();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	static final List<String> declared = new ArrayList<>();

	@Autowired
	MappingSupervisor supervisor;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.queue.rabbitmq.max-attempts", () -> "2");
		registry.add("aloft.event-router.queue.rabbitmq.retry-delay", () -> "50ms");
		registry.add("aloft.event-router.queue.restart-delay", () -> "200ms");
	}

	@AfterAll
	static void stop() throws Exception {
		fakes.close();
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			for (String queue : declared) {
				channel.queueDelete(queue);
			}
			channel.exchangeDelete("aloft-test-dlx-" + RUN);
		}
	}

	@Test
	void invokesWithSqsShapedBatchesAndAcksWhatSucceeded() throws Exception {
		String queue = declareQueues("orders");
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			for (int i = 0; i < 5; i++) {
				AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId("m-" + i)
					.appId("shop")
					.timestamp(new Date(1_700_000_000_000L))
					.headers(Map.of("tenant", "acme"))
					.build();
				channel.basicPublish("", queue, properties, ("order-" + i).getBytes(StandardCharsets.UTF_8));
			}
		}
		EventSourceMappingConfig mapping = mapping(queue, "amqp-orders", 2, true);

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("amqp-orders", mapping));

		await().atMost(Duration.ofSeconds(20)).until(() -> bodies("amqp-orders").size() >= 5);
		assertThat(bodies("amqp-orders")).containsExactlyInAnyOrder("order-0", "order-1", "order-2", "order-3",
				"order-4");
		assertThat(fakes.invoker.requests("amqp-orders")).allSatisfy((request) -> {
			assertThat(JSON.readTree(request.bodyText()).get("Records").size()).isBetween(1, 2);
			assertThat(request.header(InvokerApi.TRIGGER)).isEqualTo("amqp");
		});
		JsonNode record = JSON.readTree(fakes.invoker.requests("amqp-orders").get(0).bodyText()).get("Records").get(0);
		assertThat(record.get("messageId").asString()).startsWith("m-");
		assertThat(record.get("eventSource").asString()).isEqualTo("aws:sqs");
		assertThat(record.get("eventSourceARN").asString()).isEqualTo(BROKER + "/" + queue);
		assertThat(record.at("/attributes/SentTimestamp").asString()).isEqualTo("1700000000000");
		assertThat(record.at("/attributes/SenderId").asString()).isEqualTo("shop");
		assertThat(record.at("/attributes/ApproximateReceiveCount").asString()).isEqualTo("1");
		assertThat(record.at("/messageAttributes/tenant/stringValue").asString()).isEqualTo("acme");
		assertThat(record.at("/messageAttributes/tenant/dataType").asString()).isEqualTo("String");

		// Stopping the consumer would return unacked messages to the queue: none are
		// left.
		fakes.controlPlane.publish(mapping(queue, "amqp-orders", 2, false, mapping.id()));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.supervisor.runningMappings().containsKey(mapping.id()));
		assertThat(messages(queue)).isZero();
		assertThat(messages(queue + ".dead")).isZero();
	}

	@Test
	void rejectsAMessageThatKeepsFailingToTheDeadLetterExchange() throws Exception {
		String queue = declareQueues("poison");
		fakes.invoker.answer("amqp-poison", (request) -> {
			boolean poisoned = request.bodyText().contains("\"body\":\"poison\"");
			return new Reply(200,
					poisoned ? Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "FUNCTION_ERROR",
							InvokerApi.FUNCTION_ERROR, InvokerApi.UNHANDLED)
							: Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "SUCCESS"),
					poisoned ? "{\"errorMessage\":\"bad\",\"errorType\":\"Error\"}" : "{}");
		});
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.basicPublish("", queue, null, "poison".getBytes(StandardCharsets.UTF_8));
		}

		EventSourceMappingConfig mapping = mapping(queue, "amqp-poison", 10, true);
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("amqp-poison", mapping));

		await().atMost(Duration.ofSeconds(20)).until(() -> messages(queue + ".dead") == 1);
		assertThat(bodies("amqp-poison")).containsExactly("poison", "poison");
		List<String> counts = new ArrayList<>();
		for (Recorded request : fakes.invoker.requests("amqp-poison")) {
			counts
				.add(JSON.readTree(request.bodyText()).at("/Records/0/attributes/ApproximateReceiveCount").asString());
		}
		assertThat(counts).containsExactly("1", "2");
		assertThat(messages(queue)).isZero();
	}

	private static String declareQueues(String name) throws Exception {
		String queue = "aloft-test-" + name + "-" + RUN;
		String exchange = "aloft-test-dlx-" + RUN;
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(exchange, "direct", false, false, null);
			channel.queueDeclare(queue + ".dead", false, false, false, null);
			channel.queueBind(queue + ".dead", exchange, queue);
			channel.queueDeclare(queue, false, false, false,
					Map.of("x-dead-letter-exchange", exchange, "x-dead-letter-routing-key", queue));
		}
		declared.add(queue);
		declared.add(queue + ".dead");
		return queue;
	}

	private static long messages(String queue) throws Exception {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			return channel.messageCount(queue);
		}
	}

	private static Connection connect() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(BROKER);
		return factory.newConnection("aloft-router-tests");
	}

	private static List<String> bodies(String function) {
		List<String> bodies = new ArrayList<>();
		for (Recorded request : fakes.invoker.requests(function)) {
			JSON.readTree(request.bodyText())
				.get("Records")
				.forEach((record) -> bodies.add(record.get("body").asString()));
		}
		return bodies;
	}

	private static EventSourceMappingConfig mapping(String queue, String function, int batchSize, boolean enabled) {
		return mapping(queue, function, batchSize, enabled, UUID.randomUUID().toString());
	}

	private static EventSourceMappingConfig mapping(String queue, String function, int batchSize, boolean enabled,
			String id) {
		return new EventSourceMappingConfig(id, RouterFakes.NAMESPACE, function, "$LATEST", SourceType.RABBITMQ, null,
				List.of(BROKER), List.of(), List.of(queue), enabled, batchSize, 1, null, null, false, false, -1, -1,
				null, null, List.of());
	}

}
