package dev.aloft.controlplane.configfeed;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.routesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The configuration feed as followers read it: a snapshot, then the changes after a
 * revision, each resource once in its latest state, with a long-poll that answers as soon
 * as something changes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class ConfigFeedIntegrationTests {

	private static final String CHANGES = "/internal/v1/config/changes";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private ControlPlaneClient client;

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void snapshotHoldsEveryLiveResourceAtItsRevision() {
		String function = uniqueName("snap");
		JsonNode created = this.client.createFunction("default", function);
		JsonNode route = this.client.createRoute("default", "GET", "/" + function + "/{id}", function);

		JsonNode snapshot = this.client.snapshot();

		assertThat(snapshot.get("revision").asLong()).isGreaterThanOrEqualTo(2);
		JsonNode functionResource = resource(snapshot, "FUNCTION_VERSION", "functionName", function);
		assertThat(functionResource.get("namespace").asString()).isEqualTo("default");
		assertThat(functionResource.get("version").asString()).isEqualTo("$LATEST");
		assertThat(functionResource.get("revisionId").asString()).isEqualTo(created.get("revisionId").asString());
		assertThat(functionResource.get("runtime").asString()).isEqualTo("python3.12");
		assertThat(functionResource.get("handler").asString()).isEqualTo("app.handler");
		assertThat(functionResource.get("memoryMb").asInt()).isEqualTo(128);
		assertThat(functionResource.get("timeoutSeconds").asInt()).isEqualTo(3);
		assertThat(functionResource.get("ephemeralStorageMb").asInt()).isEqualTo(512);
		assertThat(functionResource.get("codeSha256").asString()).isEqualTo(created.get("codeSha256").asString());
		assertThat(functionResource.get("codeSizeBytes").asLong()).isEqualTo(created.get("codeSizeBytes").asLong());
		JsonNode routeResource = resource(snapshot, "ROUTE", "id", route.get("id").asString());
		assertThat(routeResource.get("namespace").asString()).isEqualTo("default");
		assertThat(routeResource.get("method").asString()).isEqualTo("GET");
		assertThat(routeResource.get("path").asString()).isEqualTo("/" + function + "/{id}");
		assertThat(routeResource.get("functionName").asString()).isEqualTo(function);
		assertThat(routeResource.get("qualifier").asString()).isEqualTo("$LATEST");

		String raw = this.client.rest().get().uri("/internal/v1/config/snapshot").retrieve().body(String.class);
		assertThat(raw.split("\"kind\"", -1)).as("one kind per resource").hasSize(snapshot.get("resources").size() + 1);

		ConfigSnapshot typed = JSON.treeToValue(snapshot, ConfigSnapshot.class);
		assertThat(typed.revision()).isEqualTo(snapshot.get("revision").asLong());
		assertThat(typed.resources()).hasSize(snapshot.get("resources").size());
		assertThat(typed.resources()).anySatisfy((resource) -> assertThat(resource.key())
			.isEqualTo(FunctionVersionConfig.keyOf("default", function, FunctionVersionConfig.LATEST)));
		assertThat(typed.resources()).filteredOn(RouteConfig.class::isInstance)
			.anySatisfy((resource) -> assertThat(resource.key()).isEqualTo(route.get("id").asString()));
	}

	@Test
	void snapshotLeavesOutDeletedResources() {
		String function = uniqueName("snap-gone");
		this.client.createFunction("default", function);
		this.client.delete(functionsPath("default") + "/{name}", function);

		JsonNode snapshot = this.client.snapshot();

		assertThat(snapshot.get("resources").valueStream())
			.noneMatch((resource) -> function.equals(resource.path("functionName").asString()));
	}

	@Test
	void changesAfterRevisionComeInRevisionOrder() {
		long start = this.client.revision();
		String first = uniqueName("order-1");
		String second = uniqueName("order-2");
		this.client.createFunction("default", first);
		String routeId = this.client.createRoute("default", "GET", "/" + first, first).get("id").asString();
		this.client.createFunction("default", second);

		JsonNode answer = changesAfter(start);

		assertThat(answer.get("revision").asLong()).isEqualTo(start + 3);
		List<JsonNode> changes = answer.get("changes").valueStream().toList();
		assertThat(changes).extracting((change) -> change.get("revision").asLong())
			.containsExactly(start + 1, start + 2, start + 3);
		assertThat(changes).extracting((change) -> change.get("kind").asString())
			.containsExactly("FUNCTION_VERSION", "ROUTE", "FUNCTION_VERSION");
		assertThat(changes).extracting((change) -> change.get("key").asString())
			.containsExactly(latestKey(first), routeId, latestKey(second));
		assertThat(changes).extracting((change) -> change.get("resource").get("kind").asString())
			.containsExactly("FUNCTION_VERSION", "ROUTE", "FUNCTION_VERSION");

		JsonNode later = changesAfter(start + 1);
		assertThat(later.get("revision").asLong()).isEqualTo(start + 3);
		assertThat(later.get("changes").valueStream().map((change) -> change.get("key").asString()))
			.containsExactly(routeId, latestKey(second));

		ConfigChanges typed = JSON.treeToValue(answer, ConfigChanges.class);
		assertThat(typed.changes()).extracting(ConfigChange::kind)
			.containsExactly(ResourceKind.FUNCTION_VERSION, ResourceKind.ROUTE, ResourceKind.FUNCTION_VERSION);
		assertThat(typed.changes().get(1).resource()).isInstanceOf(RouteConfig.class);
	}

	@Test
	void noChangesAfterTheCurrentRevision() {
		long current = this.client.revision();

		JsonNode answer = changesAfter(current);

		assertThat(answer.get("revision").asLong()).isEqualTo(current);
		assertThat(answer.get("changes").isEmpty()).isTrue();
	}

	@Test
	void deletionIsChangeWithoutResource() {
		String function = uniqueName("deleted");
		this.client.createFunction("default", function);
		long beforeDelete = this.client.revision();

		this.client.delete(functionsPath("default") + "/{name}", function);

		JsonNode answer = changesAfter(beforeDelete);
		assertThat(answer.get("changes")).hasSize(1);
		JsonNode change = answer.get("changes").get(0);
		assertThat(change.get("revision").asLong()).isEqualTo(beforeDelete + 1);
		assertThat(change.get("kind").asString()).isEqualTo("FUNCTION_VERSION");
		assertThat(change.get("key").asString()).isEqualTo(latestKey(function));
		assertThat(change.has("resource")).as("resource present, as null: %s", change).isTrue();
		assertThat(change.get("resource").isNull()).isTrue();
		assertThat(JSON.treeToValue(change, ConfigChange.class).deleted()).isTrue();
	}

	@Test
	void routeDeletionIsChangeWithoutResource() {
		String function = uniqueName("route-deleted");
		this.client.createFunction("default", function);
		String routeId = this.client.createRoute("default", "POST", "/" + function, function).get("id").asString();
		long beforeDelete = this.client.revision();

		this.client.delete(routesPath("default") + "/{id}", routeId);

		JsonNode change = changesAfter(beforeDelete).get("changes").get(0);
		assertThat(change.get("kind").asString()).isEqualTo("ROUTE");
		assertThat(change.get("key").asString()).isEqualTo(routeId);
		assertThat(change.get("resource").isNull()).isTrue();
	}

	@Test
	void eachResourceAppearsOnceInItsLatestState() {
		long start = this.client.revision();
		String recreated = uniqueName("recreated");
		String kept = uniqueName("kept");
		this.client.createFunction("default", recreated);
		this.client.createFunction("default", kept);
		this.client.delete(functionsPath("default") + "/{name}", recreated);
		String routeId = this.client.createRoute("default", "GET", "/" + kept, kept).get("id").asString();
		this.client.delete(routesPath("default") + "/{id}", routeId);
		JsonNode again = this.client.createFunction("default", recreated);

		JsonNode answer = changesAfter(start);

		assertThat(answer.get("revision").asLong()).isEqualTo(start + 6);
		List<JsonNode> changes = answer.get("changes").valueStream().toList();
		assertThat(changes).extracting((change) -> change.get("key").asString())
			.containsExactly(latestKey(kept), routeId, latestKey(recreated));
		assertThat(changes).extracting((change) -> change.get("revision").asLong())
			.containsExactly(start + 2, start + 5, start + 6);
		assertThat(changes.get(1).get("resource").isNull()).isTrue();
		assertThat(changes.get(2).get("resource").get("revisionId").asString())
			.isEqualTo(again.get("revisionId").asString());
	}

	@Test
	void revisionAheadOfTheFeedIsGone() {
		long ahead = this.client.revision() + 1000;

		JsonNode problem = assertProblem(this.client.get(CHANGES + "?after={after}", ahead), HttpStatus.GONE,
				"REVISION_GONE");

		assertThat(problem.get("retryable").asBoolean()).isFalse();
		assertThat(problem.get("detail").asString()).contains(Long.toString(ahead));
	}

	@Test
	void rejectsInvalidParameters() {
		assertProblem(this.client.get(CHANGES + "?after=-1"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.get(CHANGES + "?after=0&waitSeconds=61"), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");
		assertProblem(this.client.get(CHANGES + "?after=0&waitSeconds=-1"), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");
		assertProblem(this.client.get(CHANGES + "?after=latest"), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
	}

	@Test
	void reportsMissingRevisionAsProblem() {
		assertProblem(this.client.get(CHANGES), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
	}

	@Test
	void longPollAnswersAsSoonAsSomethingChanges() {
		long start = this.client.revision();
		CompletableFuture<ResponseEntity<JsonNode>> poll = CompletableFuture
			.supplyAsync(() -> this.client.get(CHANGES + "?after={after}&waitSeconds=10", start));
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> !poll.isDone() && this.client.revision() == start);

		long changedAt = System.nanoTime();
		String function = uniqueName("long-poll");
		this.client.createFunction("default", function);

		await().atMost(Duration.ofSeconds(5)).until(poll::isDone);
		assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(5));
		ResponseEntity<JsonNode> response = poll.join();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().get("revision").asLong()).isEqualTo(start + 1);
		assertThat(response.getBody().get("changes")).hasSize(1);
		assertThat(response.getBody().get("changes").get(0).get("key").asString()).isEqualTo(latestKey(function));
	}

	@Test
	void longPollAnswersEmptyWhenNothingChangesInTime() {
		long start = this.client.revision();
		long asked = System.nanoTime();

		ResponseEntity<JsonNode> response = this.client.get(CHANGES + "?after={after}&waitSeconds=1", start);

		assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().get("revision").asLong()).isEqualTo(start);
		assertThat(response.getBody().get("changes").isEmpty()).isTrue();
	}

	private JsonNode changesAfter(long revision) {
		ResponseEntity<JsonNode> response = this.client.get(CHANGES + "?after={after}", revision);
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private static JsonNode resource(JsonNode snapshot, String kind, String field, String value) {
		List<JsonNode> matches = snapshot.get("resources")
			.valueStream()
			.filter((resource) -> kind.equals(resource.path("kind").asString())
					&& value.equals(resource.path(field).asString()))
			.toList();
		assertThat(matches).as("%s with %s=%s in %s", kind, field, value, snapshot).hasSize(1);
		return matches.get(0);
	}

	private static String latestKey(String function) {
		return FunctionVersionConfig.keyOf("default", function, FunctionVersionConfig.LATEST);
	}

	private static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
