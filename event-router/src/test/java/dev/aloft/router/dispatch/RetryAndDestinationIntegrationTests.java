package dev.aloft.router.dispatch;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker.Answer;
import dev.aloft.router.dispatch.FakeInvoker.Recorded;
import dev.aloft.router.dispatch.FakeWebhook.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lambda's asynchronous semantics: retries after function errors, back-off after
 * throttles up to the maximum event age, destination records, and reserved concurrency.
 */
@RouterIntegrationTest
class RetryAndDestinationIntegrationTests {

	/** Lambda's destination record timestamp: ISO-8601 UTC with milliseconds. */
	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	static final RouterFakes fakes = new RouterFakes();

	@LocalServerPort
	int port;

	RouterClient router;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
	}

	@AfterAll
	static void stopFakes() {
		fakes.close();
	}

	@BeforeEach
	void connect() {
		this.router = new RouterClient(this.port);
	}

	@Test
	void retriesAFunctionErrorMaximumRetryAttemptsTimesThenSendsTheFailureRecord() {
		String error = "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}";
		fakes.invoker.answer("flaky", Answer.functionError("ValueError", error));
		long revision = fakes.publishFunction("flaky",
				RouterFakes.eventInvoke("flaky", 2, 3600, null, fakes.webhook.url("/failures")));
		String event = "{\"order\": 42, \"items\": [\"a\", \"b\"]}";

		UUID id = this.router.accepted("flaky", event, revision);

		JsonNode status = this.router.awaitState(id, "DEAD");
		assertThat(status.get("deadLetterReason").asString()).isEqualTo("RetriesExhausted");
		assertThat(status.get("attempts").asInt()).isEqualTo(3);
		assertThat(status.get("lastError").asString()).contains("ValueError");
		assertThat(fakes.invoker.requestsFor(id.toString())).hasSize(3)
			.allSatisfy((request) -> assertThat(request.bodyText()).isEqualTo(event));
		Received record = awaitOne("/failures");
		assertThat(record.contentType()).isEqualTo("application/json");
		assertThat(record.bodyText()).matches("\\{\"version\":\"1\\.0\",\"timestamp\":\"" + TIMESTAMP + "\",.*");
		assertThat(record.bodyText().replaceFirst(TIMESTAMP, "T"))
			.isEqualTo("{\"version\":\"1.0\",\"timestamp\":\"T\",\"requestContext\":{\"requestId\":\"" + id
					+ "\",\"functionArn\":\"" + RouterFakes.arn("flaky")
					+ ":$LATEST\",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},"
					+ "\"requestPayload\":" + event + ",\"responseContext\":{\"statusCode\":200,"
					+ "\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},\"responsePayload\":" + error
					+ "}");
		assertThat(this.router.get("/actuator/prometheus").body())
			.containsPattern("aloft_events_retries_total\\{[^}]*cause=\"function_error\"")
			.containsPattern("aloft_events_dead_letters_total\\{[^}]*reason=\"RetriesExhausted\"");
	}

	@Test
	void retriesAThrottledEventUntilItIsTooOld() {
		fakes.invoker.answer("throttled", Answer.problem(429));
		long revision = fakes.publishFunction("throttled",
				RouterFakes.eventInvoke("throttled", 2, 2, null, fakes.webhook.url("/aged")));

		UUID id = this.router.accepted("throttled", "{\"late\":true}", revision);

		JsonNode status = this.router.awaitState(id, "DEAD");
		assertThat(status.get("deadLetterReason").asString()).isEqualTo("EventAgeExceeded");
		assertThat(status.get("attempts").asInt()).isZero();
		assertThat(fakes.invoker.requestsFor(id.toString())).hasSizeGreaterThan(1);
		JsonNode record = RouterClient.json(awaitOne("/aged").bodyText());
		assertThat(record.get("requestContext").get("condition").asString()).isEqualTo("EventAgeExceeded");
		assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isZero();
		assertThat(record.get("requestPayload").get("late").asBoolean()).isTrue();
		assertThat(record.has("responseContext")).isFalse();
		assertThat(record.has("responsePayload")).isFalse();
	}

	@Test
	void anInvokeApiThatRefusesTheRoutersTokenIsRetriedNotRejected() {
		// A gateway with another master key: the event waits for the mend, up to its age.
		fakes.invoker.answer("refused", Answer.problem(401));
		long revision = fakes.publishFunction("refused", RouterFakes.eventInvoke("refused", 2, 2, null, null));

		UUID id = this.router.accepted("refused", "{}", revision);

		JsonNode status = this.router.awaitState(id, "DEAD");
		assertThat(status.get("deadLetterReason").asString()).isEqualTo("EventAgeExceeded");
		assertThat(status.get("attempts").asInt()).isZero();
		assertThat(fakes.invoker.requestsFor(id.toString())).hasSizeGreaterThan(1);
	}

	@Test
	void sendsTheSuccessRecordToAnotherFunction() {
		fakes.invoker.answer("first", Answer.success("{\"result\": \"done\"}"));
		long revision = fakes.publishFunction("first",
				RouterFakes.eventInvoke("first", 2, 3600, RouterFakes.arn("second"), null),
				RouterFakes.version("second", "$LATEST"));

		UUID id = this.router.accepted("first", "{\"n\":1}", revision);

		this.router.awaitState(id, "SUCCEEDED");
		await().atMost(Duration.ofSeconds(30)).until(() -> !fakes.invoker.requests("second").isEmpty());
		Recorded delivered = fakes.invoker.requests("second").get(0);
		assertThat(delivered.header(InvokerApi.TRIGGER)).isEqualTo("destination");
		assertThat(delivered.bodyText().replaceFirst(TIMESTAMP, "T"))
			.isEqualTo("{\"version\":\"1.0\",\"timestamp\":\"T\",\"requestContext\":{\"requestId\":\"" + id
					+ "\",\"functionArn\":\"" + RouterFakes.arn("first")
					+ ":$LATEST\",\"condition\":\"Success\",\"approximateInvokeCount\":1},"
					+ "\"requestPayload\":{\"n\":1},\"responseContext\":{\"statusCode\":200,"
					+ "\"executedVersion\":\"$LATEST\"},\"responsePayload\":{\"result\": \"done\"}}");
		UUID secondId = UUID.fromString(delivered.requestId());
		assertThat(this.router.awaitState(secondId, "SUCCEEDED").get("source").asString()).isEqualTo("destination");
	}

	@Test
	void neverRunsMoreInvocationsOfAFunctionAtOnceThanItsReservedConcurrency() {
		Semaphore gate = new Semaphore(0);
		fakes.invoker.answer("limited", Answer.gated(gate, Answer.success("{}")));
		long revision = fakes.publishFunction("limited", RouterFakes.reserved("limited", 2));
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 8; i++) {
			ids.add(this.router.accepted("limited", "{\"i\":" + i + "}", revision));
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> fakes.invoker.inFlight("limited") == 2);
		gate.release(ids.size());

		ids.forEach((id) -> this.router.awaitState(id, "SUCCEEDED"));
		assertThat(fakes.invoker.requests("limited")).hasSize(8);
		assertThat(fakes.invoker.maxInFlight("limited")).isEqualTo(2);
	}

	@Test
	void failsEventsOfAFunctionWithReservedConcurrencyZeroWithoutInvokingIt() {
		long revision = fakes.publishFunction("frozen", RouterFakes.reserved("frozen", 0),
				RouterFakes.eventInvoke("frozen", 2, 3600, null, fakes.webhook.url("/frozen")));

		UUID id = this.router.accepted("frozen", "{\"cold\":true}", revision);

		JsonNode status = this.router.awaitState(id, "DEAD");
		assertThat(status.get("deadLetterReason").asString()).isEqualTo("ZeroReservedConcurrency");
		assertThat(fakes.invoker.requests("frozen")).isEmpty();
		JsonNode record = RouterClient.json(awaitOne("/frozen").bodyText());
		assertThat(record.get("requestContext").get("condition").asString()).isEqualTo("ZeroReservedConcurrency");
		assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isZero();
		assertThat(record.has("responseContext")).isFalse();
	}

	@Test
	void retriesAFailingWebhookThenDeadLettersTheRecord() {
		fakes.webhook.answer("/broken", 500);
		long revision = fakes.publishFunction("reporter",
				RouterFakes.eventInvoke("reporter", 2, 3600, fakes.webhook.url("/broken"), null));

		UUID id = this.router.accepted("reporter", "{}", revision);

		this.router.awaitState(id, "SUCCEEDED");
		await().atMost(Duration.ofSeconds(30)).until(() -> fakes.webhook.received("/broken").size() == 3);
		List<Received> attempts = fakes.webhook.received("/broken");
		assertThat(attempts).extracting(Received::deliveryId).containsOnly(attempts.get(0).deliveryId());
		UUID delivery = UUID.fromString(attempts.get(0).deliveryId());
		JsonNode status = this.router.awaitState(delivery, "DEAD");
		assertThat(status.get("kind").asString()).isEqualTo("DELIVERY");
		assertThat(status.get("deadLetterReason").asString()).isEqualTo("DestinationFailed");
		assertThat(status.get("destination").asString()).isEqualTo(fakes.webhook.url("/broken"));
		assertThat(status.get("lastError").asString()).contains("500");
	}

	@Test
	void deadLettersRecordsForSnsEventBridgeAndKafkaDestinationsAsUnsupported() {
		List<String> destinations = List.of("arn:aws:sns:us-east-1:000000000000:results",
				"arn:aws:events:us-east-1:000000000000:event-bus/default",
				"arn:aws:kafka:us-east-1:000000000000:cluster/results/id");
		List<String> kinds = List.of("an SNS topic", "an EventBridge event bus", "a Kafka topic");
		for (int i = 0; i < destinations.size(); i++) {
			String function = "unsupported-" + i;
			long revision = fakes.publishFunction(function,
					RouterFakes.eventInvoke(function, 2, 3600, destinations.get(i), null));
			this.router.awaitState(this.router.accepted(function, "{}", revision), "SUCCEEDED");
		}

		for (int i = 0; i < destinations.size(); i++) {
			String destination = destinations.get(i);
			String kind = kinds.get(i);
			String path = "/internal/v1/dead-letters?namespace=default&function=unsupported-" + i;
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				JsonNode page = RouterClient.json(this.router.get(path).body());
				assertThat(page.get("items")).singleElement().satisfies((item) -> {
					assertThat(item.get("kind").asString()).isEqualTo("DELIVERY");
					assertThat(item.get("reason").asString()).isEqualTo("DestinationUnsupported");
					assertThat(item.get("destination").asString()).isEqualTo(destination);
					assertThat(item.get("lastError").asString()).contains(destination, kind,
							"which the router does not deliver to");
				});
			});
		}
	}

	@Test
	void refusesToSendAFunctionItsOwnRecord() {
		long revision = fakes.publishFunction("selfish",
				RouterFakes.eventInvoke("selfish", 2, 3600, RouterFakes.arn("selfish"), null));

		UUID id = this.router.accepted("selfish", "{}", revision);

		this.router.awaitState(id, "SUCCEEDED");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode page = RouterClient
				.json(this.router.get("/internal/v1/dead-letters?namespace=default&function=selfish").body());
			assertThat(page.get("items")).singleElement()
				.satisfies((item) -> assertThat(item.get("reason").asString()).isEqualTo("DestinationInvalid"));
		});
		assertThat(fakes.invoker.requests("selfish")).hasSize(1);
	}

	private static Received awaitOne(String path) {
		await(path).atMost(Duration.ofSeconds(30)).until(() -> !fakes.webhook.received(path).isEmpty());
		assertThat(fakes.webhook.received(path)).hasSize(1);
		return fakes.webhook.received(path).get(0);
	}

}
