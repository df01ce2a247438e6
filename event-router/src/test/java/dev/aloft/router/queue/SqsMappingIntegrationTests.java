package dev.aloft.router.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker;
import dev.aloft.router.dispatch.FakeInvoker.Recorded;
import dev.aloft.router.dispatch.FakeInvoker.Reply;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SQS mappings against an SQS-compatible server in the test JVM: batches of SQS-shaped
 * records, deletion on success, partial batch responses, maximum concurrency, and
 * consumers that follow the feed.
 */
@RouterIntegrationTest
class SqsMappingIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	static final EmbeddedSqs sqs = EmbeddedSqs.start();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MappingSupervisor supervisor;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.queue.sqs.access-key-id", () -> EmbeddedSqs.ACCESS_KEY);
		registry.add("aloft.event-router.queue.sqs.secret-access-key", () -> EmbeddedSqs.SECRET_KEY);
		registry.add("aloft.event-router.queue.sqs.wait-time", () -> "1s");
		registry.add("aloft.event-router.queue.restart-delay", () -> "200ms");
	}

	@AfterAll
	static void stop() {
		fakes.close();
		sqs.close();
	}

	@Test
	void invokesWithBatchesOfSqsRecordsAndDeletesWhatSucceeded() {
		String queueUrl = sqs.createQueue("orders", 30);
		for (int i = 0; i < 5; i++) {
			String body = "order-" + i;
			sqs.client()
				.sendMessage((request) -> request.queueUrl(queueUrl)
					.messageBody(body)
					.messageAttributes(Map.of("tenant",
							MessageAttributeValue.builder().dataType("String").stringValue("acme").build())));
		}
		EventSourceMappingConfig mapping = mapping("orders", "orders-fn", 2, false, true);

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("orders-fn", mapping));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> bodies("orders-fn").size() >= 5 && sqs.messages(queueUrl) == 0);
		assertThat(bodies("orders-fn")).containsExactlyInAnyOrder("order-0", "order-1", "order-2", "order-3",
				"order-4");
		List<Recorded> requests = fakes.invoker.requests("orders-fn");
		assertThat(requests).allSatisfy((request) -> {
			assertThat(JSON.readTree(request.bodyText()).get("Records").size()).isBetween(1, 2);
			assertThat(request.header(InvokerApi.TRIGGER)).isEqualTo("sqs");
		});
		JsonNode record = JSON.readTree(requests.get(0).bodyText()).get("Records").get(0);
		assertThat(record.properties()).extracting(Map.Entry::getKey)
			.containsExactly("messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody",
					"eventSource", "eventSourceARN", "awsRegion");
		assertThat(record.get("eventSource").asString()).isEqualTo("aws:sqs");
		assertThat(record.get("eventSourceARN").asString()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
		assertThat(record.get("awsRegion").asString()).isEqualTo("us-east-1");
		assertThat(record.at("/attributes/ApproximateReceiveCount").asString()).isEqualTo("1");
		assertThat(record.at("/attributes/SentTimestamp").asString()).matches("\\d{13}");
		assertThat(JSON.writeValueAsString(record.at("/messageAttributes/tenant"))).isEqualTo(
				"{\"stringValue\":\"acme\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}");
		assertThat(record.get("md5OfBody").asString()).matches("[0-9a-f]{32}");
	}

	@Test
	void retriesOnlyTheMessagesTheFunctionReportsAsFailed() {
		String queueUrl = sqs.createQueue("partial", 4);
		// The function fails "bad" the first time it sees it, and reports it alone. The
		// queue's visibility timeout (4 s) covers the function's (3 s): it is kept.
		fakes.invoker.answer("partial-fn", (request) -> {
			List<String> failed = new ArrayList<>();
			for (JsonNode record : JSON.readTree(request.bodyText()).get("Records")) {
				if (record.get("body").asString().equals("bad")
						&& record.at("/attributes/ApproximateReceiveCount").asString().equals("1")) {
					failed.add("{\"itemIdentifier\":\"" + record.get("messageId").asString() + "\"}");
				}
			}
			return new Reply(200, Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "SUCCESS"),
					"{\"batchItemFailures\":[" + String.join(",", failed) + "]}");
		});
		for (String body : List.of("good-1", "bad", "good-2")) {
			sqs.client().sendMessage((request) -> request.queueUrl(queueUrl).messageBody(body));
		}

		fakes.controlPlane
			.awaitFollowerAt(fakes.publishFunction("partial-fn", mapping("partial", "partial-fn", 10, true, true)));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> bodies("partial-fn").size() >= 4 && sqs.messages(queueUrl) == 0);
		assertThat(bodies("partial-fn")).containsExactlyInAnyOrder("good-1", "good-2", "bad", "bad");
	}

	@Test
	void runsAtMostMaximumConcurrencyBatchesAtOnce() {
		String queueUrl = sqs.createQueue("capped", 30);
		Semaphore gate = new Semaphore(0);
		fakes.invoker.answer("capped-fn", FakeInvoker.Answer.gated(gate, FakeInvoker.Answer.success("{}")));
		int messages = 8;
		for (int i = 0; i < messages; i++) {
			String body = "job-" + i;
			sqs.client().sendMessage((request) -> request.queueUrl(queueUrl).messageBody(body));
		}
		EventSourceMappingConfig mapping = new EventSourceMappingConfig(UUID.randomUUID().toString(),
				RouterFakes.NAMESPACE, "capped-fn", "$LATEST", SourceType.SQS,
				"arn:aws:sqs:us-east-1:000000000000:capped", List.of(sqs.uri().toString()), List.of(), List.of(), true,
				1, 0, null, null, false, false, -1, -1, null, 2, List.of());

		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("capped-fn", mapping));

		// Let one batch finish each time two are held at the gate.
		for (int released = 0; released < messages; released++) {
			int expected = Math.min(2, messages - released);
			await().atMost(Duration.ofSeconds(20)).until(() -> fakes.invoker.inFlight("capped-fn") == expected);
			gate.release();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> bodies("capped-fn").size() >= messages && sqs.messages(queueUrl) == 0);
		assertThat(fakes.invoker.maxInFlight("capped-fn")).isEqualTo(2);
	}

	@Test
	void consumersFollowTheFeed() {
		sqs.createQueue("followed", 30);
		EventSourceMappingConfig mapping = mapping("followed", "followed-fn", 10, false, true);
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("followed-fn", mapping));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.supervisor.runningMappings().containsKey(mapping.id()));

		EventSourceMappingConfig bigger = mapping("followed", "followed-fn", 5, false, true, mapping.id());
		fakes.controlPlane.publish(bigger);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> bigger.equals(this.supervisor.runningMappings().get(mapping.id())));

		fakes.controlPlane.publish(mapping("followed", "followed-fn", 5, false, false, mapping.id()));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.supervisor.runningMappings().containsKey(mapping.id()));
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

	private static EventSourceMappingConfig mapping(String queue, String function, int batchSize, boolean report,
			boolean enabled) {
		return mapping(queue, function, batchSize, report, enabled, UUID.randomUUID().toString());
	}

	private static EventSourceMappingConfig mapping(String queue, String function, int batchSize, boolean report,
			boolean enabled, String id) {
		return new EventSourceMappingConfig(id, RouterFakes.NAMESPACE, function, "$LATEST", SourceType.SQS,
				"arn:aws:sqs:us-east-1:000000000000:" + queue, List.of(sqs.uri().toString()), List.of(), List.of(),
				enabled, batchSize, 0, null, null, report, false, -1, -1, null, null, List.of());
	}

}
