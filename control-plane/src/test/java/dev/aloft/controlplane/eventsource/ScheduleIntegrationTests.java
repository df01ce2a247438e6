package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ScheduleConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.schedule.InvalidScheduleExpressionException;
import dev.aloft.schedule.ScheduleExpression;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schedules API over HTTP on a real database: expressions checked as EventBridge
 * Scheduler checks them, time zones and JSON input, unique names, optimistic replaces,
 * the records on the feed, and namespaces that see only their own schedules.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class ScheduleIntegrationTests {

	private static final String SCHEDULES = "/v1/namespaces/default/schedules";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private ControlPlaneClient client;

	private String function;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		this.function = uniqueName("sched");
		TriggerTestSupport.createFunctionWithAlias(this.client, "default", this.function);
	}

	@Test
	void createsScheduleWithDefaults() {
		String name = uniqueName("nightly");

		ResponseEntity<JsonNode> response = this.client.post(SCHEDULES,
				schedule(name, this.function, "  rate(5 minutes) "));

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode schedule = response.getBody();
		String id = schedule.get("id").asString();
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(response.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + SCHEDULES + "/" + id);
		assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(schedule.get("name").asString()).isEqualTo(name);
		assertThat(schedule.get("function").asString()).isEqualTo(this.function);
		assertThat(schedule.get("qualifier").asString()).isEqualTo("$LATEST");
		assertThat(schedule.get("expression").asString()).isEqualTo("rate(5 minutes)");
		assertThat(schedule.get("timeZone").asString()).isEqualTo("UTC");
		assertThat(schedule.has("input")).isFalse();
		assertThat(schedule.get("enabled").asBoolean()).isTrue();
		assertThat(schedule.has("entityVersion")).isFalse();
		Instant createdAt = Instant.parse(schedule.get("createdAt").asString());

		ResponseEntity<JsonNode> read = this.client.get(SCHEDULES + "/{id}", id);
		assertThat(read.getBody()).isEqualTo(schedule);
		assertThat(read.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(listIds(this.client, SCHEDULES)).contains(id);
		assertThat(feed(id)).isEqualTo(new ScheduleConfig(id, "default", name, this.function, "$LATEST",
				"rate(5 minutes)", "UTC", null, true, createdAt.toEpochMilli()));
		assertThat(feedResource(this.client, "SCHEDULE", "id", id).orElseThrow().get("kind").asString())
			.isEqualTo("SCHEDULE");
	}

	@Test
	void createsCronScheduleInATimeZoneWithInput() {
		String name = uniqueName("weekdays");
		Map<String, Object> request = schedule(name, this.function, "cron(0 9 ? * MON-FRI *)");
		request.put("qualifier", "live");
		request.put("timeZone", "Europe/Paris");
		request.put("input", "{\"job\":\"report\",\"days\":[1,2]}");
		request.put("enabled", false);

		JsonNode schedule = created(request);

		String id = schedule.get("id").asString();
		assertThat(feed(id)).isEqualTo(new ScheduleConfig(id, "default", name, this.function, "live",
				"cron(0 9 ? * MON-FRI *)", "Europe/Paris", "{\"job\":\"report\",\"days\":[1,2]}", false,
				Instant.parse(schedule.get("createdAt").asString()).toEpochMilli()));
	}

	@Test
	void createsOneTimeSchedule() {
		Map<String, Object> request = schedule(uniqueName("once"), this.function, "at(2030-01-01T09:00:00)");
		request.put("timeZone", "America/New_York");
		request.put("qualifier", "1");

		assertThat(created(request).get("expression").asString()).isEqualTo("at(2030-01-01T09:00:00)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "rate(0 minutes)", "rate(5 minute)", "rate(30 seconds)", "cron(0 9 * * * *)",
			"cron(0 9 * *)", "cron(60 9 ? * MON *)", "at(2030-02-30T09:00:00)", "every day", "", "rate(5 minutes" })
	void rejectsInvalidExpressionWithTheParsersMessage(String expression) {
		String expected = assertThatExceptionOfType(InvalidScheduleExpressionException.class)
			.isThrownBy(() -> ScheduleExpression.parse(expression))
			.actual()
			.getMessage();
		List<String> before = listIds(this.client, SCHEDULES);
		long revision = this.client.revision();

		JsonNode problem = assertProblem(
				this.client.post(SCHEDULES, schedule(uniqueName("bad"), this.function, expression)),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

		assertThat(problem.get("detail").asString()).isEqualTo(expected);
		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/expression");
		assertThat(listIds(this.client, SCHEDULES)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of("timeZone", "Mars/Olympus_Mons", "/timeZone", "not an IANA time zone"),
				Arguments.of("timeZone", "+01:00", "/timeZone", "not an IANA time zone"),
				Arguments.of("timeZone", "", "/timeZone", ""),
				Arguments.of("input", "{\"unclosed\": true", "/input", "valid JSON"),
				Arguments.of("input", "{} {}", "/input", "valid JSON"),
				Arguments.of("input", "", "/input", "valid JSON"),
				Arguments.of("input", "x".repeat(8193), "/input", ""), Arguments.of("name", "has space", "/name", ""),
				Arguments.of("name", "n".repeat(65), "/name", ""),
				Arguments.of("qualifier", "nope", "/qualifier", "has no version or alias nope"),
				Arguments.of("qualifier", "2", "/qualifier", "has no version or alias 2"),
				Arguments.of("expression", null, "/expression", ""),
				Arguments.of("function", "bad name", "/function", ""));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidRequests")
	void rejectsInvalidScheduleAndChangesNothing(String field, Object value, String pointer, String detail) {
		Map<String, Object> request = schedule(uniqueName("bad"), this.function, "rate(1 hour)");
		request.put(field, value);
		List<String> before = listIds(this.client, SCHEDULES);
		long revision = this.client.revision();

		JsonNode problem = assertProblem(this.client.post(SCHEDULES, request), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");

		assertThat(problem.get("detail").asString()).contains(detail);
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("pointer").asString()))
			.contains(pointer);
		assertThat(listIds(this.client, SCHEDULES)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void rejectsScheduleOfMissingFunctionOrUnknownField() {
		List<String> before = listIds(this.client, SCHEDULES);
		long revision = this.client.revision();

		assertProblem(this.client.post(SCHEDULES, schedule(uniqueName("s"), "no-such-function", "rate(1 hour)")),
				HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		Map<String, Object> unknown = schedule(uniqueName("s"), this.function, "rate(1 hour)");
		unknown.put("scheduleExpression", "rate(1 hour)");
		assertProblem(this.client.post(SCHEDULES, unknown), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertThat(listIds(this.client, SCHEDULES)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);
	}

	@Test
	void namesAreUniqueInANamespace() {
		String name = uniqueName("unique");
		String id = created(schedule(name, this.function, "rate(1 hour)")).get("id").asString();
		String otherId = created(schedule(name + "-2", this.function, "rate(1 hour)")).get("id").asString();
		List<String> before = listIds(this.client, SCHEDULES);
		long revision = this.client.revision();

		JsonNode problem = assertProblem(this.client.post(SCHEDULES, schedule(name, this.function, "rate(2 hours)")),
				HttpStatus.CONFLICT, "SCHEDULE_EXISTS");
		assertThat(problem.get("detail").asString()).contains(name);
		assertProblem(this.client.put(SCHEDULES + "/" + otherId, "*", schedule(name, this.function, "rate(1 hour)")),
				HttpStatus.CONFLICT, "SCHEDULE_EXISTS");
		assertThat(listIds(this.client, SCHEDULES)).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revision);

		String namespace = TriggerTestSupport.createNamespace(this.client);
		this.client.createFunction(namespace, this.function);
		assertThat(this.client
			.post("/v1/namespaces/" + namespace + "/schedules", schedule(name, this.function, "rate(1 hour)"))
			.getStatusCode()).as("another namespace may use the name").isEqualTo(HttpStatus.CREATED);
		assertThat(feed(id).name()).isEqualTo(name);
	}

	@Test
	void replacesAScheduleOnlyWithTheCurrentETag() {
		String name = uniqueName("replace");
		ResponseEntity<JsonNode> created = this.client.post(SCHEDULES, schedule(name, this.function, "rate(1 hour)"));
		String id = created.getBody().get("id").asString();
		String path = SCHEDULES + "/" + id;
		Map<String, Object> change = schedule(name + "-renamed", this.function, "cron(30 6 * * ? *)");
		change.put("qualifier", "live");
		change.put("timeZone", "Asia/Tokyo");
		change.put("input", "[1,2,3]");
		long revision = this.client.revision();

		assertProblem(this.client.put(path, null, change), HttpStatus.PRECONDITION_REQUIRED, "PRECONDITION_REQUIRED");
		assertProblem(this.client.put(path, "\"3\"", change), HttpStatus.PRECONDITION_FAILED, "PRECONDITION_FAILED");
		assertThat(this.client.revision()).isEqualTo(revision);

		ResponseEntity<JsonNode> replaced = this.client.put(path, created.getHeaders().getETag(), change);

		assertThat(replaced.getStatusCode()).as("%s", replaced.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(replaced.getHeaders().getETag()).isEqualTo("\"1\"");
		long createdAt = Instant.parse(created.getBody().get("createdAt").asString()).toEpochMilli();
		assertThat(feed(id)).isEqualTo(new ScheduleConfig(id, "default", name + "-renamed", this.function, "live",
				"cron(30 6 * * ? *)", "Asia/Tokyo", "[1,2,3]", true, createdAt));
		assertThat(replaced.getBody().get("createdAt")).isEqualTo(created.getBody().get("createdAt"));
		assertProblem(this.client.put(path, "*", schedule(name, this.function, "rate(0 hours)")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.put(SCHEDULES + "/" + UUID.randomUUID(), "*", change), HttpStatus.NOT_FOUND,
				"SCHEDULE_NOT_FOUND");
		assertThat(feed(id).expression()).isEqualTo("cron(30 6 * * ? *)");
	}

	@Test
	void deletesAScheduleAndRetractsIt() {
		String name = uniqueName("gone");
		String id = created(schedule(name, this.function, "rate(1 day)")).get("id").asString();

		assertThat(this.client.delete(SCHEDULES + "/{id}", id).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.client.get(SCHEDULES + "/{id}", id), HttpStatus.NOT_FOUND, "SCHEDULE_NOT_FOUND");
		assertProblem(this.client.delete(SCHEDULES + "/{id}", id), HttpStatus.NOT_FOUND, "SCHEDULE_NOT_FOUND");
		assertThat(feedResource(this.client, "SCHEDULE", "id", id)).isEmpty();
		assertThat(this.client.post(SCHEDULES, schedule(name, this.function, "rate(1 day)")).getStatusCode())
			.as("the name is free again")
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void listsSchedulesAPageAtATime() {
		String namespace = TriggerTestSupport.createNamespace(this.client);
		String path = "/v1/namespaces/" + namespace + "/schedules";
		this.client.createFunction(namespace, "fn");
		List<String> ids = Stream.of("a", "b", "c")
			.map((name) -> this.client.post(path, schedule(name, "fn", "rate(1 hour)")).getBody().get("id").asString())
			.toList();

		JsonNode first = this.client.get(path + "?limit=2").getBody();
		JsonNode second = this.client.get(path + "?limit=2&pageToken={token}", first.get("nextPageToken").asString())
			.getBody();

		assertThat(first.get("items").valueStream().map((item) -> item.get("id").asString()))
			.containsExactly(ids.get(0), ids.get(1));
		assertThat(second.get("items").valueStream().map((item) -> item.get("id").asString()))
			.containsExactly(ids.get(2));
		assertThat(second.get("nextPageToken").isNull()).isTrue();
	}

	@Test
	void aNamespaceSeesOnlyItsOwnSchedules() {
		String teamA = TriggerTestSupport.createNamespace(this.client);
		String teamB = TriggerTestSupport.createNamespace(this.client);
		String teamASchedules = "/v1/namespaces/" + teamA + "/schedules";
		this.client.createFunction(teamA, "fn");
		String id = this.client.post(teamASchedules, schedule("s", "fn", "rate(1 hour)"))
			.getBody()
			.get("id")
			.asString();
		ControlPlaneClient teamBKey = TriggerTestSupport.keyWithRole(this.client, this.port, teamB, "ADMIN");
		long revision = this.client.revision();

		assertProblem(teamBKey.get(teamASchedules), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get(teamASchedules + "/{id}", id), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.put(teamASchedules + "/" + id, "*", schedule("s", "fn", "rate(2 hours)")),
				HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.delete(teamASchedules + "/{id}", id), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.post(teamASchedules, schedule("t", "fn", "rate(1 hour)")), HttpStatus.NOT_FOUND,
				"NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get("/v1/namespaces/" + teamB + "/schedules/{id}", id), HttpStatus.NOT_FOUND,
				"SCHEDULE_NOT_FOUND");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(this.client.get(teamASchedules + "/{id}", id).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void deletingTheFunctionRetractsItsSchedulesFromStoreAndFeed() {
		String id = created(schedule(uniqueName("s"), this.function, "rate(1 hour)")).get("id").asString();

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);

		assertProblem(this.client.get(SCHEDULES + "/{id}", id), HttpStatus.NOT_FOUND, "SCHEDULE_NOT_FOUND");
		assertThat(feedResource(this.client, "SCHEDULE", "id", id)).isEmpty();
	}

	@Test
	void deletingTheFunctionDeletesItsSchedules() {
		String id = created(schedule(uniqueName("s"), this.function, "rate(1 hour)")).get("id").asString();

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);

		assertProblem(this.client.get(SCHEDULES + "/{id}", id), HttpStatus.NOT_FOUND, "SCHEDULE_NOT_FOUND");
	}

	private JsonNode created(Map<String, Object> request) {
		ResponseEntity<JsonNode> response = this.client.post(SCHEDULES, request);
		assertThat(response.getStatusCode()).as("create %s: %s", request, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private ScheduleConfig feed(String id) {
		JsonNode resource = feedResource(this.client, "SCHEDULE", "id", id).orElseThrow();
		return (ScheduleConfig) JSON.treeToValue(resource, ConfigResource.class);
	}

	private static Map<String, Object> schedule(String name, String function, String expression) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", name);
		request.put("function", function);
		request.put("expression", expression);
		return request;
	}

}
