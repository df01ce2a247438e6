package dev.aloft.router.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.aloft.router.dispatch.FakeInvoker.Answer;
import dev.aloft.testsupport.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * S3 buckets as on-failure destinations, on an S3-compatible server in the test JVM (the
 * router's configured S3 endpoint): Lambda's destination record as one JSON object under
 * Lambda's key layout; a bucket that does not exist in the dead-letter store, redrivable
 * once it does.
 */
@RouterIntegrationTest
class BucketDestinationIntegrationTests {

	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

	private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	static final RouterFakes fakes = new RouterFakes();

	static final S3TestServer s3 = S3TestServer.get();

	@LocalServerPort
	int port;

	RouterClient router;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
		registry.add("aloft.event-router.destinations.s3.endpoint", () -> s3.endpoint().toString());
		registry.add("aloft.event-router.destinations.s3.access-key-id", () -> S3TestServer.ACCESS_KEY_ID);
		registry.add("aloft.event-router.destinations.s3.secret-access-key", () -> S3TestServer.SECRET_ACCESS_KEY);
	}

	@AfterAll
	static void stop() {
		fakes.close();
	}

	@BeforeEach
	void connect() {
		this.router = new RouterClient(this.port);
	}

	@Test
	void writesTheFailureRecordToTheOnFailureBucket() {
		s3.blobs().createContainer("failures");
		String error = "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}";
		fakes.invoker.answer("failing", Answer.functionError("ValueError", error));
		long revision = fakes.publishFunction("failing",
				RouterFakes.eventInvoke("failing", 1, 3600, null, "arn:aws:s3:::failures"));
		String event = "{\"order\": 42}";

		UUID id = this.router.accepted("failing", event, revision);

		assertThat(this.router.awaitState(id, "DEAD").get("deadLetterReason").asString()).isEqualTo("RetriesExhausted");
		String key = awaitOne("failures", "aws/lambda/async/failing/");
		assertThat(key).matches("aws/lambda/async/failing/(\\d{4})/(\\d{2})/(\\d{2})/"
				+ "\\1-\\2-\\3T\\d{2}\\.\\d{2}\\.\\d{2}-" + UUID_PATTERN);
		assertThat(contentType("failures", key)).isEqualTo("application/json");
		assertThat(content("failures", key).replaceFirst(TIMESTAMP, "T"))
			.isEqualTo("{\"version\":\"1.0\",\"timestamp\":\"T\",\"requestContext\":{\"requestId\":\"" + id
					+ "\",\"functionArn\":\"" + RouterFakes.arn("failing")
					+ ":$LATEST\",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":2},"
					+ "\"requestPayload\":" + event + ",\"responseContext\":{\"statusCode\":200,"
					+ "\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},\"responsePayload\":" + error
					+ "}");
		assertThat(this.router.get("/actuator/prometheus").body()).containsPattern(
				"aloft_events_destination_deliveries_total\\{[^}]*outcome=\"delivered\",[^}]*type=\"bucket\"");
	}

	@Test
	void deadLettersTheRecordForABucketThatDoesNotExistAndWritesItWhenRedriven() {
		String destination = "arn:aws:s3:::created-later";
		fakes.invoker.answer("early", Answer.functionError("ValueError", "{\"errorMessage\":\"early\"}"));
		long revision = fakes.publishFunction("early", RouterFakes.eventInvoke("early", 0, 3600, null, destination));

		UUID id = this.router.accepted("early", "{\"early\":true}", revision);

		this.router.awaitState(id, "DEAD");
		List<JsonNode> deadLetters = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode page = RouterClient
				.json(this.router.get("/internal/v1/dead-letters?namespace=default&function=early&limit=10").body());
			List<JsonNode> deliveries = new ArrayList<>();
			page.get("items").forEach((item) -> {
				if (item.get("kind").asString().equals("DELIVERY")) {
					deliveries.add(item);
				}
			});
			assertThat(deliveries).singleElement().satisfies((item) -> {
				assertThat(item.get("reason").asString()).isEqualTo("DestinationNotFound");
				assertThat(item.get("destination").asString()).isEqualTo(destination);
				assertThat(item.get("lastError").asString()).contains("Destination bucket not found",
						"no bucket created-later on " + s3.endpoint());
				assertThat(item.get("attempts").asInt()).isEqualTo(1);
			});
			deadLetters.add(deliveries.getFirst());
		});
		UUID delivery = UUID.fromString(deadLetters.getLast().get("id").asString());
		assertThat(this.router.get("/actuator/prometheus").body()).containsPattern(
				"aloft_events_destination_deliveries_total\\{[^}]*outcome=\"failed\",[^}]*type=\"bucket\"");
		s3.blobs().createContainer("created-later");

		assertThat(this.router.post("/internal/v1/dead-letters/" + delivery + "/redrive").statusCode()).isEqualTo(202);

		this.router.awaitState(delivery, "SUCCEEDED");
		String key = awaitOne("created-later", "aws/lambda/async/early/");
		assertThat(key).endsWith("-" + delivery);
		assertThat(RouterClient.json(content("created-later", key)).at("/requestContext/requestId").asString())
			.isEqualTo(id.toString());
	}

	/**
	 * Waits for the one object a bucket should get under a prefix.
	 * @return its key
	 */
	private static String awaitOne(String bucket, String prefix) {
		List<String> keys = new ArrayList<>();
		await(bucket).atMost(Duration.ofSeconds(30)).until(() -> {
			keys.clear();
			s3.blobs()
				.list(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
				.contents()
				.stream()
				.map(S3Object::key)
				.forEach(keys::add);
			return !keys.isEmpty();
		});
		assertThat(keys).hasSize(1);
		return keys.getFirst();
	}

	private static String contentType(String bucket, String key) {
		return s3.blobs().blobMetadata(bucket, key).contentType();
	}

	private static String content(String bucket, String key) {
		try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob(bucket, key)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
