package dev.aloft.controlplane.eventsource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.RevisionLock;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.TriggerTestSupport.feedResource;
import static dev.aloft.controlplane.TriggerTestSupport.listIds;
import static dev.aloft.controlplane.TriggerTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket notifications API over HTTP on a real database: S3's bucket names, event
 * types and overlap rule, optimistic replaces, the records on the feed, and namespaces
 * that see only their own notifications.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class BucketNotificationIntegrationTests {

	private static final String NOTIFICATIONS = "/v1/namespaces/default/bucket-notifications";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OVERLAP = "Configurations overlap. Configurations on the same bucket cannot share a "
			+ "common event type.";

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	private ControlPlaneClient client;

	private String function;

	private String bucket;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		this.function = uniqueName("s3fn");
		TriggerTestSupport.createFunctionWithAlias(this.client, "default", this.function);
		this.bucket = uniqueName("bucket");
	}

	@Test
	void createsNotification() {
		ResponseEntity<JsonNode> response = this.client.post(NOTIFICATIONS,
				notification(this.bucket, this.function, List.of("s3:ObjectCreated:*")));

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode notification = response.getBody();
		String id = notification.get("id").asString();
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(response.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + NOTIFICATIONS + "/" + id);
		assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(notification.get("bucket").asString()).isEqualTo(this.bucket);
		assertThat(notification.get("function").asString()).isEqualTo(this.function);
		assertThat(notification.get("qualifier").asString()).isEqualTo("$LATEST");
		assertThat(notification.get("events").valueStream().map(JsonNode::asString))
			.containsExactly("s3:ObjectCreated:*");
		assertThat(notification.has("prefix")).isFalse();
		assertThat(notification.has("suffix")).isFalse();
		ResponseEntity<JsonNode> read = this.client.get(NOTIFICATIONS + "/{id}", id);
		assertThat(read.getBody()).isEqualTo(notification);
		assertThat(listIds(this.client, NOTIFICATIONS)).contains(id);
		assertThat(feed(id)).isEqualTo(new BucketNotificationConfig(id, "default", this.bucket, this.function,
				"$LATEST", List.of("s3:ObjectCreated:*"), null, null));
		assertThat(feedResource(this.client, "BUCKET_NOTIFICATION", "id", id).orElseThrow().get("kind").asString())
			.isEqualTo("BUCKET_NOTIFICATION");
	}

	@Test
	void createsNotificationWithFilterAndSeveralEvents() {
		Map<String, Object> request = notification(this.bucket, this.function,
				List.of("s3:ObjectCreated:Put", "s3:ObjectRemoved:*", "s3:ObjectCreated:Put"));
		request.put("qualifier", "live");
		request.put("prefix", "images/");
		request.put("suffix", ".jpg");

		JsonNode notification = created(request);

		String id = notification.get("id").asString();
		assertThat(feed(id)).isEqualTo(new BucketNotificationConfig(id, "default", this.bucket, this.function, "live",
				List.of("s3:ObjectCreated:Put", "s3:ObjectRemoved:*"), "images/", ".jpg"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab", "Uppercase-bucket", "-starts-with-hyphen", "ends-with-hyphen-", "two..dots",
			"192.168.5.4", "xn--punycode", "sthree-bucket", "bucket-s3alias", "bucket--ol-s3", "under_score",
			"a-bucket-name-that-is-far-too-long-for-s3-to-accept-as-a-name-xy" })
	void rejectsBucketNamesS3Rejects(String bucket) {
		List<String> before = listIds(this.client, NOTIFICATIONS);
		long revision = this.client.revision();

		JsonNode problem = assertProblem(
				this.client.post(NOTIFICATIONS, notification(bucket, this.function, List.of("s3:ObjectCreated:*"))),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/bucket");
		assertThat(listIds(this.client, NOTIFICATIONS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@ParameterizedTest
	@ValueSource(strings = { "s3:ObjectCreated", "s3:*", "ObjectCreated:Put", "s3:objectcreated:put",
			"s3:ObjectCreated:Delete", "s3:TestEvent", "" })
	void rejectsEventTypesS3DoesNotSend(String event) {
		List<String> before = listIds(this.client, NOTIFICATIONS);
		long revision = this.client.revision();

		JsonNode problem = assertProblem(
				this.client.post(NOTIFICATIONS,
						notification(this.bucket, this.function, List.of("s3:ObjectRemoved:*", event))),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/events/1");
		assertThat(problem.get("detail").asString()).contains("is not supported for notifications");
		assertThat(listIds(this.client, NOTIFICATIONS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void rejectsOtherInvalidNotifications() {
		List<String> before = listIds(this.client, NOTIFICATIONS);
		long revision = this.client.revision();

		assertProblem(this.client.post(NOTIFICATIONS, notification(this.bucket, this.function, List.of())),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		Map<String, Object> longPrefix = notification(this.bucket, this.function, List.of("s3:ObjectCreated:*"));
		longPrefix.put("prefix", "p".repeat(1025));
		assertProblem(this.client.post(NOTIFICATIONS, longPrefix), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		Map<String, Object> badQualifier = notification(this.bucket, this.function, List.of("s3:ObjectCreated:*"));
		badQualifier.put("qualifier", "nope");
		assertProblem(this.client.post(NOTIFICATIONS, badQualifier), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(
				this.client.post(NOTIFICATIONS,
						notification(this.bucket, "no-such-function", List.of("s3:ObjectCreated:*"))),
				HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertProblem(
				this.client.post(NOTIFICATIONS,
						Map.of("bucket", this.bucket, "function", this.function, "events",
								List.of("s3:ObjectCreated:*"), "filter", "x")),
				HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertThat(listIds(this.client, NOTIFICATIONS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void rejectsNotificationsThatOverlapOnTheSameBucket() {
		Map<String, Object> existing = notification(this.bucket, this.function, List.of("s3:ObjectCreated:*"));
		existing.put("prefix", "images/");
		existing.put("suffix", ".jpg");
		String existingId = created(existing).get("id").asString();
		List<String> before = listIds(this.client, NOTIFICATIONS);
		long revision = this.client.revision();

		JsonNode problem = assertOverlap(filtered("s3:ObjectCreated:Put", "images/thumbs/", ".jpg"));
		assertThat(problem.get("detail").asString()).startsWith(OVERLAP).contains(existingId);
		assertOverlap(filtered("s3:ObjectCreated:*", null, null));
		assertOverlap(filtered("s3:ObjectCreated:Copy", "images/", null));
		assertOverlap(filtered("s3:ObjectCreated:Post", "im", "large.jpg"));
		assertThat(listIds(this.client, NOTIFICATIONS)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);

		created(filtered("s3:ObjectCreated:*", "images/", ".png"));
		created(filtered("s3:ObjectCreated:Put", "docs/", ".jpg"));
		created(filtered("s3:ObjectRemoved:*", "images/", ".jpg"));
		created(notification(this.bucket + "-other", this.function, List.of("s3:ObjectCreated:*")));
	}

	@Test
	void overlapsAreCheckedWithinANamespaceOnly() {
		created(notification(this.bucket, this.function, List.of("s3:ObjectCreated:*")));
		String namespace = TriggerTestSupport.createNamespace(this.client);
		this.client.createFunction(namespace, "fn");

		ResponseEntity<JsonNode> response = this.client.post("/v1/namespaces/" + namespace + "/bucket-notifications",
				notification(this.bucket, "fn", List.of("s3:ObjectCreated:*")));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void concurrentOverlappingCreatesMakeOneNotification() throws Exception {
		int requests = 3;
		List<CompletableFuture<ResponseEntity<JsonNode>>> creates = new ArrayList<>();
		try (RevisionLock lock = RevisionLock.hold(this.dataSource)) {
			for (int i = 0; i < requests; i++) {
				Map<String, Object> request = filtered("s3:ObjectCreated:*", "p" + "/".repeat(i), null);
				creates.add(CompletableFuture.supplyAsync(() -> this.client.post(NOTIFICATIONS, request)));
			}
			lock.awaitWaiting(requests);
		}

		List<ResponseEntity<JsonNode>> responses = creates.stream().map(CompletableFuture::join).toList();
		assertThat(responses).filteredOn((response) -> response.getStatusCode() == HttpStatus.CREATED).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.getStatusCode() != HttpStatus.CREATED)
			.allSatisfy((response) -> assertProblem(response, HttpStatus.BAD_REQUEST, "BUCKET_NOTIFICATION_OVERLAP"));
	}

	@Test
	void replacesANotificationOnlyWithTheCurrentETag() {
		ResponseEntity<JsonNode> created = this.client.post(NOTIFICATIONS,
				notification(this.bucket, this.function, List.of("s3:ObjectCreated:*")));
		String id = created.getBody().get("id").asString();
		String path = NOTIFICATIONS + "/" + id;
		Map<String, Object> change = filtered("s3:ObjectCreated:Put", "uploads/", null);
		change.put("qualifier", "live");
		long revision = this.client.revision();

		assertProblem(this.client.put(path, null, change), HttpStatus.PRECONDITION_REQUIRED, "PRECONDITION_REQUIRED");
		assertProblem(this.client.put(path, "\"5\"", change), HttpStatus.PRECONDITION_FAILED, "PRECONDITION_FAILED");
		assertThat(this.client.revision()).isEqualTo(revision);

		ResponseEntity<JsonNode> replaced = this.client.put(path, created.getHeaders().getETag(), change);

		assertThat(replaced.getStatusCode()).as("its own old settings do not overlap it").isEqualTo(HttpStatus.OK);
		assertThat(replaced.getHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(feed(id)).isEqualTo(new BucketNotificationConfig(id, "default", this.bucket, this.function, "live",
				List.of("s3:ObjectCreated:Put"), "uploads/", null));
		created(filtered("s3:ObjectCreated:*", "downloads/", null));
		assertOverlapOn(this.client.put(path, "*", filtered("s3:ObjectCreated:Put", "down", null)));
		assertThat(feed(id).prefix()).isEqualTo("uploads/");
	}

	@Test
	void deletesANotificationAndRetractsIt() {
		String id = created(notification(this.bucket, this.function, List.of("s3:ObjectCreated:*"))).get("id")
			.asString();

		assertThat(this.client.delete(NOTIFICATIONS + "/{id}", id).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.client.get(NOTIFICATIONS + "/{id}", id), HttpStatus.NOT_FOUND,
				"BUCKET_NOTIFICATION_NOT_FOUND");
		assertProblem(this.client.delete(NOTIFICATIONS + "/{id}", id), HttpStatus.NOT_FOUND,
				"BUCKET_NOTIFICATION_NOT_FOUND");
		assertThat(feedResource(this.client, "BUCKET_NOTIFICATION", "id", id)).isEmpty();
		created(notification(this.bucket, this.function, List.of("s3:ObjectCreated:*")));
	}

	@Test
	void aNamespaceSeesOnlyItsOwnNotifications() {
		String teamA = TriggerTestSupport.createNamespace(this.client);
		String teamB = TriggerTestSupport.createNamespace(this.client);
		String teamANotifications = "/v1/namespaces/" + teamA + "/bucket-notifications";
		this.client.createFunction(teamA, "fn");
		String id = this.client.post(teamANotifications, notification(this.bucket, "fn", List.of("s3:ObjectCreated:*")))
			.getBody()
			.get("id")
			.asString();
		ControlPlaneClient teamBKey = TriggerTestSupport.keyWithRole(this.client, this.port, teamB, "ADMIN");
		long revision = this.client.revision();

		assertProblem(teamBKey.get(teamANotifications), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get(teamANotifications + "/{id}", id), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(
				teamBKey.put(teamANotifications + "/" + id, "*",
						notification(this.bucket, "fn", List.of("s3:ObjectRemoved:*"))),
				HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.delete(teamANotifications + "/{id}", id), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get("/v1/namespaces/" + teamB + "/bucket-notifications/{id}", id), HttpStatus.NOT_FOUND,
				"BUCKET_NOTIFICATION_NOT_FOUND");
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void deletingTheFunctionRetractsItsNotificationsFromStoreAndFeed() {
		String id = created(notification(this.bucket, this.function, List.of("s3:ObjectCreated:*"))).get("id")
			.asString();

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);

		assertProblem(this.client.get(NOTIFICATIONS + "/{id}", id), HttpStatus.NOT_FOUND,
				"BUCKET_NOTIFICATION_NOT_FOUND");
		assertThat(feedResource(this.client, "BUCKET_NOTIFICATION", "id", id)).isEmpty();
	}

	@Test
	void deletingTheFunctionDeletesItsNotifications() {
		String id = created(notification(this.bucket, this.function, List.of("s3:ObjectCreated:*"))).get("id")
			.asString();

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);

		assertProblem(this.client.get(NOTIFICATIONS + "/{id}", id), HttpStatus.NOT_FOUND,
				"BUCKET_NOTIFICATION_NOT_FOUND");
	}

	private JsonNode assertOverlap(Map<String, Object> request) {
		return assertOverlapOn(this.client.post(NOTIFICATIONS, request));
	}

	private static JsonNode assertOverlapOn(ResponseEntity<JsonNode> response) {
		JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "BUCKET_NOTIFICATION_OVERLAP");
		assertThat(problem.get("detail").asString()).startsWith(OVERLAP);
		return problem;
	}

	private JsonNode created(Map<String, Object> request) {
		ResponseEntity<JsonNode> response = this.client.post(NOTIFICATIONS, request);
		assertThat(response.getStatusCode()).as("create %s: %s", request, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private BucketNotificationConfig feed(String id) {
		JsonNode resource = feedResource(this.client, "BUCKET_NOTIFICATION", "id", id).orElseThrow();
		return (BucketNotificationConfig) JSON.treeToValue(resource, ConfigResource.class);
	}

	private Map<String, Object> filtered(String event, @Nullable String prefix, @Nullable String suffix) {
		Map<String, Object> request = notification(this.bucket, this.function, List.of(event));
		if (prefix != null) {
			request.put("prefix", prefix);
		}
		if (suffix != null) {
			request.put("suffix", suffix);
		}
		return request;
	}

	private static Map<String, Object> notification(String bucket, String function, List<String> events) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("bucket", bucket);
		request.put("function", function);
		request.put("events", events);
		return request;
	}

}
