package dev.aloft.router.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.aloft.router.dispatch.FakeInvoker.Answer;
import dev.aloft.router.queue.EmbeddedSqs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SQS queues as on-success and on-failure destinations, on an SQS-compatible server in
 * the test JVM (the router's configured SQS endpoint): Lambda's destination record as the
 * message body; a queue that does not exist in the dead-letter store, redrivable once it
 * does; a queue that keeps refusing the record there after the delivery attempts.
 */
@RouterIntegrationTest
class SqsDestinationIntegrationTests {

	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:";

	static final RouterFakes fakes = new RouterFakes();

	static final EmbeddedSqs sqs = EmbeddedSqs.start();

	@LocalServerPort
	int port;

	RouterClient router;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.queue.sqs.endpoint", () -> sqs.uri().toString());
		registry.add("aloft.event-router.queue.sqs.access-key-id", () -> EmbeddedSqs.ACCESS_KEY);
		registry.add("aloft.event-router.queue.sqs.secret-access-key", () -> EmbeddedSqs.SECRET_KEY);
	}

	@AfterAll
	static void stop() {
		fakes.close();
		sqs.close();
	}

	@BeforeEach
	void connect() {
		this.router = new RouterClient(this.port);
	}

	@Test
	void sendsTheFailureRecordToTheOnFailureQueue() {
		String queueUrl = sqs.createQueue("failures", 30);
		String error = "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}";
		fakes.invoker.answer("failing", Answer.functionError("ValueError", error));
		long revision = fakes.publishFunction("failing",
				RouterFakes.eventInvoke("failing", 1, 3600, null, QUEUE_ARN + "failures"));
		String event = "{\"order\": 42}";

		UUID id = this.router.accepted("failing", event, revision);

		assertThat(this.router.awaitState(id, "DEAD").get("deadLetterReason").asString()).isEqualTo("RetriesExhausted");
		Message message = awaitOne(queueUrl);
		assertThat(message.body().replaceFirst(TIMESTAMP, "T"))
			.isEqualTo("{\"version\":\"1.0\",\"timestamp\":\"T\",\"requestContext\":{\"requestId\":\"" + id
					+ "\",\"functionArn\":\"" + RouterFakes.arn("failing")
					+ ":$LATEST\",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":2},"
					+ "\"requestPayload\":" + event + ",\"responseContext\":{\"statusCode\":200,"
					+ "\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},\"responsePayload\":" + error
					+ "}");
		assertThat(this.router.get("/actuator/prometheus").body()).containsPattern(
				"aloft_events_destination_deliveries_total\\{[^}]*outcome=\"delivered\",[^}]*type=\"queue\"");
	}

	@Test
	void sendsTheSuccessRecordToTheOnSuccessQueue() {
		String queueUrl = sqs.createQueue("successes", 30);
		fakes.invoker.answer("working", Answer.success("{\"result\": \"done\"}"));
		long revision = fakes.publishFunction("working",
				RouterFakes.eventInvoke("working", 2, 3600, QUEUE_ARN + "successes", null));

		UUID id = this.router.accepted("working", "{\"n\":1}", revision);

		this.router.awaitState(id, "SUCCEEDED");
		Message message = awaitOne(queueUrl);
		assertThat(message.body().replaceFirst(TIMESTAMP, "T"))
			.isEqualTo("{\"version\":\"1.0\",\"timestamp\":\"T\",\"requestContext\":{\"requestId\":\"" + id
					+ "\",\"functionArn\":\"" + RouterFakes.arn("working")
					+ ":$LATEST\",\"condition\":\"Success\",\"approximateInvokeCount\":1},"
					+ "\"requestPayload\":{\"n\":1},\"responseContext\":{\"statusCode\":200,"
					+ "\"executedVersion\":\"$LATEST\"},\"responsePayload\":{\"result\": \"done\"}}");
	}

	@Test
	void deadLettersTheRecordForAQueueThatDoesNotExistAndDeliversItWhenRedriven() {
		String destination = QUEUE_ARN + "created-later";
		fakes.invoker.answer("early", Answer.success("{}"));
		long revision = fakes.publishFunction("early", RouterFakes.eventInvoke("early", 2, 3600, destination, null));

		UUID id = this.router.accepted("early", "{\"early\":true}", revision);

		this.router.awaitState(id, "SUCCEEDED");
		List<JsonNode> deadLetters = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode page = RouterClient
				.json(this.router.get("/internal/v1/dead-letters?namespace=default&function=early").body());
			assertThat(page.get("items")).singleElement().satisfies((item) -> {
				assertThat(item.get("kind").asString()).isEqualTo("DELIVERY");
				assertThat(item.get("reason").asString()).isEqualTo("DestinationNotFound");
				assertThat(item.get("destination").asString()).isEqualTo(destination);
				assertThat(item.get("lastError").asString()).contains("Destination queue not found", destination);
				assertThat(item.get("attempts").asInt()).isEqualTo(1);
			});
			deadLetters.add(page.get("items").get(0));
		});
		UUID delivery = UUID.fromString(deadLetters.getLast().get("id").asString());
		String queueUrl = sqs.createQueue("created-later", 30);

		assertThat(this.router.post("/internal/v1/dead-letters/" + delivery + "/redrive").statusCode()).isEqualTo(202);

		Message message = awaitOne(queueUrl);
		assertThat(RouterClient.json(message.body()).at("/requestContext/requestId").asString())
			.isEqualTo(id.toString());
		this.router.awaitState(delivery, "SUCCEEDED");
	}

	@Test
	void retriesAQueueThatRefusesTheRecordThenDeadLettersIt() {
		// The server takes messages of up to 256 KiB, as SQS did: this record is larger.
		String queueUrl = sqs.createQueue("small", 30);
		fakes.invoker.answer("verbose", Answer.success("{}"));
		long revision = fakes.publishFunction("verbose",
				RouterFakes.eventInvoke("verbose", 2, 3600, QUEUE_ARN + "small", null));

		UUID id = this.router.accepted("verbose", "{\"text\":\"" + "x".repeat(300 * 1024) + "\"}", revision);

		this.router.awaitState(id, "SUCCEEDED");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode page = RouterClient
				.json(this.router.get("/internal/v1/dead-letters?namespace=default&function=verbose").body());
			assertThat(page.get("items")).singleElement().satisfies((item) -> {
				assertThat(item.get("reason").asString()).isEqualTo("DestinationFailed");
				assertThat(item.get("attempts").asInt()).isEqualTo(3);
				assertThat(item.get("lastError").asString()).contains("Sending to " + QUEUE_ARN + "small failed",
						"on attempt 3");
			});
		});
		assertThat(sqs.messages(queueUrl)).isZero();
		assertThat(this.router.get("/actuator/prometheus").body()).containsPattern(
				"aloft_events_destination_deliveries_total\\{[^}]*outcome=\"retried\",[^}]*type=\"queue\"");
	}

	/**
	 * Waits for the one message a queue should get.
	 */
	private static Message awaitOne(String queueUrl) {
		List<Message> received = new ArrayList<>();
		await(queueUrl).atMost(Duration.ofSeconds(30)).until(() -> {
			received.addAll(sqs.client()
				.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages());
			return !received.isEmpty();
		});
		assertThat(received).hasSize(1);
		return received.getFirst();
	}

}
