package dev.aloft.router.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MinIO's webhook posts object events; matching notifications enqueue invocations with
 * S3's event JSON; the caller must present the token; bad bodies change nothing.
 */
@RouterIntegrationTest
@TestPropertySource(properties = "aloft.event-router.s3.webhook-token=" + S3WebhookIntegrationTests.TOKEN)
class S3WebhookIntegrationTests {

	static final String TOKEN = "minio-webhook-test-token";

	static final RouterFakes fakes = new RouterFakes();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
	}

	@AfterAll
	static void stopFakes() {
		fakes.close();
	}

	@Test
	void deliversEachMatchingEventOnceAsS3SendsIt() throws Exception {
		BucketNotificationConfig notification = notification("photos", "thumbnails", List.of("s3:ObjectCreated:*"),
				"images/red ", ".jpg");
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("thumbnails", notification));

		HttpResponse<String> response = post(fixture(), "Bearer " + TOKEN);
		HttpResponse<String> repeated = post(fixture(), "Bearer " + TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = JSON.readTree(response.body());
		assertThat(answer.get("records").asInt()).isEqualTo(1);
		assertThat(answer.get("invocationIds")).hasSize(1);
		assertThat(JSON.readTree(repeated.body()).get("invocationIds")).isEqualTo(answer.get("invocationIds"));
		assertThat(rows("thumbnails")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> !fakes.invoker.requests("thumbnails").isEmpty());
		JsonNode event = JSON.readTree(fakes.invoker.requests("thumbnails").get(0).bodyText());
		assertThat(event.properties()).extracting(Map.Entry::getKey).containsExactly("Records");
		JsonNode record = event.get("Records").get(0);
		assertThat(record.get("eventName").asString()).isEqualTo("ObjectCreated:Put");
		assertThat(record.get("eventSource").asString()).isEqualTo("aws:s3");
		assertThat(record.get("awsRegion").asString()).isEqualTo("us-east-1");
		assertThat(record.get("eventTime").asString()).isEqualTo("2026-03-02T10:00:00.123Z");
		assertThat(record.at("/s3/object/key").asString()).isEqualTo("images/red+flower.jpg");
		assertThat(record.at("/s3/object/size").isNumber()).isTrue();
		assertThat(record.at("/s3/object/sequencer").asString()).isEqualTo("18A0C1E5F3A2B1C0");
		assertThat(record.at("/s3/configurationId").asString()).isEqualTo(notification.id());
		assertThat(record.at("/s3/bucket/arn").asString()).isEqualTo("arn:aws:s3:::photos");
		assertThat(record.at("/responseElements/x-amz-request-id").asString()).isEqualTo("18A0C1E5F2D3B4A1");
	}

	@Test
	void enqueuesOnlyForNotificationsThatWantTheEvent() throws Exception {
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("picky",
				notification("archive", "picky", List.of("s3:ObjectRemoved:*"), null, null),
				notification("elsewhere", "picky", List.of("s3:ObjectCreated:*"), null, null),
				notification("archive", "picky", List.of("s3:ObjectCreated:Put"), null, ".png"),
				notification("archive", "picky", List.of("s3:ObjectCreated:Post"), null, null),
				notification("archive", "picky", List.of("s3:ObjectCreated:Put"), "images/", ".jpg")));

		// Older MinIO releases send the token without "Bearer".
		HttpResponse<String> response = post(fixture().replace("\"name\":\"photos\"", "\"name\":\"archive\""), TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("invocationIds")).hasSize(1);
		assertThat(rows("picky")).isEqualTo(1);
	}

	@Test
	void refusesCallersWithoutTheToken() throws Exception {
		HttpResponse<String> none = post(fixture(), null);
		HttpResponse<String> wrong = post(fixture(), "Bearer not-the-token");

		for (HttpResponse<String> response : List.of(none, wrong)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");
		}
	}

	@Test
	void malformedBodiesGetAProblemAndEnqueueNothing() throws Exception {
		fakes.controlPlane.awaitFollowerAt(fakes.publishFunction("careful",
				notification("inbox", "careful", List.of("s3:ObjectCreated:*"), null, null)));
		String valid = JSON.readTree(fixture().replace("\"name\":\"photos\"", "\"name\":\"inbox\""))
			.get("Records")
			.get(0)
			.toString();
		String keyless = "{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"inbox\"},"
				+ "\"object\":{\"size\":1}}}";

		HttpResponse<String> halfBad = post("{\"Records\":[" + valid + "," + keyless + "]}", "Bearer " + TOKEN);
		HttpResponse<String> notJson = post("EventName=s3:ObjectCreated:Put", "Bearer " + TOKEN);
		HttpResponse<String> notRecords = post("{\"Records\":{}}", "Bearer " + TOKEN);
		HttpResponse<String> badEncoding = post("{\"Records\":[" + valid.replace("red+flower", "red%zzflower") + "]}",
				"Bearer " + TOKEN);

		assertThat(JSON.readTree(halfBad.body()).get("detail").asString()).contains("/Records/1/s3/object/key");
		for (HttpResponse<String> response : List.of(halfBad, notJson, notRecords, badEncoding)) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("MALFORMED_REQUEST");
		}
		assertThat(rows("careful")).isZero();
	}

	private HttpResponse<String> post(String body, @Nullable String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/webhooks/s3"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long rows(String function) {
		return this.jdbc.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name = :function AND source = 's3'")
			.param("function", function)
			.query(Long.class)
			.single();
	}

	static BucketNotificationConfig notification(String bucket, String function, List<String> events,
			@Nullable String prefix, @Nullable String suffix) {
		return new BucketNotificationConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, bucket, function,
				"$LATEST", events, prefix, suffix);
	}

	static String fixture() {
		try (InputStream in = S3WebhookIntegrationTests.class.getResourceAsStream("/fixtures/minio-put-event.json")) {
			if (in == null) {
				throw new IllegalStateException("Missing fixture minio-put-event.json");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
