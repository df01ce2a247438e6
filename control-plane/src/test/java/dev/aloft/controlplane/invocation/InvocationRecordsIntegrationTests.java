package dev.aloft.controlplane.invocation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.contracts.records.RecordsApi;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.invocation.RecordRetention.Purged;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invocation records and function logs on a real database: invokers' batches stored once
 * and validated, users' queries filtered, paged and confined to their namespace, live
 * streams, and retention.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "aloft.control-plane.records.max-batch-records=20",
				"aloft.control-plane.records.max-batch-lines=50", "aloft.control-plane.records.max-line-length=300",
				"aloft.control-plane.records.delete-chunk=3", "aloft.control-plane.records.follow-heartbeat=200ms",
				"aloft.control-plane.records.follow-poll-interval=100ms" })
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class InvocationRecordsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordRetention retention;

	@Autowired
	LogFollowers followers;

	@Autowired
	MeterRegistry meterRegistry;

	ControlPlaneClient admin;

	String namespace;

	@BeforeEach
	void namespace() {
		this.admin = new ControlPlaneClient(this.port);
		this.namespace = "records-" + System.nanoTime();
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", this.namespace)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void aValidBatchIsStoredAndReadBack() {
		this.admin.createFunction(this.namespace, "fn");
		Instant started = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
		InvocationRecord cold = new InvocationRecord("req-cold", this.namespace, "fn", "$LATEST", "http",
				InvocationOutcome.SUCCESS, null, true, 312.5, 1.25, 40.5, 41, 128, 37, started, started.plusMillis(354),
				"invoker-1");
		InvocationRecord failed = new InvocationRecord("req-failed", this.namespace, "fn", "3", "event",
				InvocationOutcome.FUNCTION_ERROR, "ValueError", false, 0, 0.5, 12.0, 12, 256, -1,
				started.plusSeconds(1), started.plusSeconds(1).plusMillis(12), "invoker-2");
		List<FunctionLogLine> lines = List.of(line("req-cold", started, "platform", "START RequestId: req-cold"),
				line("req-cold", started.plusMillis(1), "stdout", "hello"),
				line("req-cold", started.plusMillis(2), "stderr", "careful"),
				line("req-failed", started.plusSeconds(1), "stdout", "about to fail"));

		assertThat(ingest(new RecordBatch(List.of(cold, failed), lines), null).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);

		JsonNode page = this.admin.get(invocationsPath("fn")).getBody();
		assertThat(page.get("items")).extracting((item) -> item.get("requestId").asString())
			.containsExactly("req-failed", "req-cold");
		assertThat(page.get("nextPageToken").isNull()).isTrue();
		JsonNode record = this.admin.get(invocationsPath("fn") + "/req-cold").getBody();
		assertThat(record.get("namespace").asString()).isEqualTo(this.namespace);
		assertThat(record.get("functionName").asString()).isEqualTo("fn");
		assertThat(record.get("version").asString()).isEqualTo("$LATEST");
		assertThat(record.get("trigger").asString()).isEqualTo("http");
		assertThat(record.get("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(record.get("errorType").isNull()).isTrue();
		assertThat(record.get("coldStart").asBoolean()).isTrue();
		assertThat(record.get("initDurationMillis").asDouble()).isEqualTo(312.5);
		assertThat(record.get("queueWaitMillis").asDouble()).isEqualTo(1.25);
		assertThat(record.get("durationMillis").asDouble()).isEqualTo(40.5);
		assertThat(record.get("billedDurationMillis").asLong()).isEqualTo(41);
		assertThat(record.get("memorySizeMb").asInt()).isEqualTo(128);
		assertThat(record.get("maxMemoryUsedMb").asLong()).isEqualTo(37);
		assertThat(record.get("billedGbSeconds").asDouble()).isEqualTo(0.041 * 0.125);
		assertThat(Instant.parse(record.get("startedAt").asString())).isEqualTo(started);
		assertThat(Instant.parse(record.get("endedAt").asString())).isEqualTo(started.plusMillis(354));
		assertThat(record.get("invoker").asString()).isEqualTo("invoker-1");
		JsonNode failedRecord = this.admin.get(invocationsPath("fn") + "/req-failed").getBody();
		assertThat(failedRecord.get("errorType").asString()).isEqualTo("ValueError");
		assertThat(failedRecord.get("maxMemoryUsedMb").isNull()).as("unknown").isTrue();

		JsonNode log = this.admin.get(logsPath("fn")).getBody();
		assertThat(log.get("items")).extracting((item) -> item.get("message").asString())
			.containsExactly("START RequestId: req-cold", "hello", "careful", "about to fail");
		JsonNode first = log.get("items").get(0);
		assertThat(first.get("requestId").asString()).isEqualTo("req-cold");
		assertThat(first.get("stream").asString()).isEqualTo("platform");
		assertThat(first.get("version").asString()).isEqualTo("$LATEST");
		assertThat(Instant.parse(first.get("timestamp").asString())).isEqualTo(started);

		assertProblem(this.admin.get(invocationsPath("fn") + "/no-such-request"), HttpStatus.NOT_FOUND,
				"INVOCATION_NOT_FOUND");
		assertProblem(this.admin.get(invocationsPath("missing")), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertProblem(this.admin.get(logsPath("missing")), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
	}

	@Test
	void aBatchSentAgainIsNotStoredTwice() {
		this.admin.createFunction(this.namespace, "fn");
		Instant started = Instant.now().minusSeconds(5);
		RecordBatch batch = new RecordBatch(
				List.of(record("req-1", InvocationOutcome.SUCCESS, started),
						record("req-2", InvocationOutcome.SUCCESS, started.plusMillis(5))),
				List.of(line("req-1", started, "stdout", "one"), line("req-2", started, "stdout", "two")));
		String key = UUID.randomUUID().toString();

		assertThat(ingest(batch, key).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(ingest(batch, key).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(ingest(new RecordBatch(batch.invocations(), List.of()), null).getStatusCode())
			.as("records are idempotent on their attempt even without a key")
			.isEqualTo(HttpStatus.ACCEPTED);

		assertThat(this.admin.get(invocationsPath("fn")).getBody().get("items")).hasSize(2);
		assertThat(this.admin.get(logsPath("fn")).getBody().get("items")).hasSize(2);

		// An asynchronous retry keeps the request id: a new attempt is a new record, and
		// the request's record is its latest attempt.
		InvocationRecord retry = new InvocationRecord("req-1", this.namespace, "fn", "$LATEST", "event",
				InvocationOutcome.FUNCTION_ERROR, "Boom", false, 0, 0, 3, 3, 128, 20, started.plusSeconds(2),
				started.plusSeconds(2).plusMillis(3), "invoker-2");
		assertThat(ingest(new RecordBatch(List.of(retry), List.of()), null).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		assertThat(this.admin.get(invocationsPath("fn")).getBody().get("items")).hasSize(3);
		assertThat(this.admin.get(invocationsPath("fn") + "/req-1").getBody().get("outcome").asString())
			.isEqualTo("FUNCTION_ERROR");
	}

	@Test
	void anOversizeBatchIsRefusedWith413() {
		Instant now = Instant.now();
		List<FunctionLogLine> tooManyLines = IntStream.range(0, 51)
			.mapToObj((i) -> line("big", now, "stdout", "line " + i))
			.toList();
		List<InvocationRecord> tooManyRecords = IntStream.range(0, 21)
			.mapToObj((i) -> record("big-" + i, InvocationOutcome.SUCCESS, now))
			.toList();

		assertProblem(ingest(new RecordBatch(List.of(), tooManyLines), null), HttpStatus.CONTENT_TOO_LARGE,
				"RECORD_BATCH_TOO_LARGE");
		assertProblem(ingest(new RecordBatch(tooManyRecords, List.of()), null), HttpStatus.CONTENT_TOO_LARGE,
				"RECORD_BATCH_TOO_LARGE");
		assertThat(countRows("function_log_line")).isZero();
		assertThat(countRows("invocation_record")).isZero();
	}

	@Test
	void malformedOrInvalidBatchesAreRefusedWith400AndChangeNothing() {
		Instant now = Instant.now();
		assertProblem(this.admin.post(RecordsApi.BATCH_PATH, "{\"invocations\": [ {\"requestId\": "),
				HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertProblem(this.admin.post(RecordsApi.BATCH_PATH, "{\"invocations\": [{\"outcome\": \"MAYBE\"}]}"),
				HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");

		RecordBatch invalid = new RecordBatch(List.of(record(" ", InvocationOutcome.SUCCESS, now)),
				List.of(line("req", now, "stdout", "fine"), line("req", now, "console", "wrong stream")));
		JsonNode problem = assertProblem(ingest(invalid, null), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(problem.get("errors")).extracting((error) -> error.get("pointer").asString())
			.containsExactly("/invocations/0/requestId", "/logs/1/stream");
		assertProblem(ingest(new RecordBatch(List.of(), List.of()), "not a key!"), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");

		assertThat(countRows("function_log_line")).isZero();
		assertThat(countRows("invocation_record")).isZero();
	}

	@Test
	void ingestionNeedsTheInternalToken() {
		String batch = JSON.writeValueAsString(new RecordBatch(List.of(), List.of()));
		for (String token : new String[] { null,
				ControlPlaneClient.ADMIN_ACCESS_KEY_ID + ":" + ControlPlaneClient.ADMIN_SECRET, "not-the-token" }) {
			ResponseEntity<JsonNode> response = this.admin.rest()
				.post()
				.uri(RecordsApi.BATCH_PATH)
				.headers((headers) -> headers.setBearerAuth((token != null) ? token : ""))
				.contentType(MediaType.APPLICATION_JSON)
				.body(batch)
				.retrieve()
				.toEntity(JsonNode.class);
			assertProblem(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED");
		}
	}

	@Test
	void invocationsAreListedNewestFirstFilteredAndPaged() {
		this.admin.createFunction(this.namespace, "fn");
		this.admin.createFunction(this.namespace, "other");
		Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		List<InvocationRecord> records = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			records
				.add(record("req-" + i, (i % 3 == 0) ? InvocationOutcome.FUNCTION_FAILURE : InvocationOutcome.SUCCESS,
						base.plusSeconds(i)));
		}
		// Two attempts that started at the same instant are ordered by arrival.
		records.add(record("req-same", InvocationOutcome.SUCCESS, base.plusSeconds(3)));
		records.add(new InvocationRecord("req-elsewhere", this.namespace, "other", "$LATEST", "http",
				InvocationOutcome.SUCCESS, null, false, 0, 0, 1, 1, 128, 1, base, base, "invoker-1"));
		ingest(new RecordBatch(records, List.of()), null);

		List<String> all = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			JsonNode page = this.admin
				.get(invocationsPath("fn") + "?limit=3" + ((token != null) ? "&pageToken=" + token : ""))
				.getBody();
			page.get("items").forEach((item) -> all.add(item.get("requestId").asString()));
			token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asString();
			pages++;
		}
		while (token != null);
		assertThat(all).containsExactly("req-6", "req-5", "req-4", "req-same", "req-3", "req-2", "req-1", "req-0");
		assertThat(pages).isEqualTo(3);

		assertThat(requestIds(invocationsPath("fn") + "?outcome=FUNCTION_FAILURE")).containsExactly("req-6", "req-3",
				"req-0");
		assertThat(requestIds(invocationsPath("fn") + "?from=" + base.plusSeconds(2) + "&to=" + base.plusSeconds(5)))
			.containsExactly("req-4", "req-same", "req-3", "req-2");
		assertThat(requestIds(invocationsPath("fn") + "?from=" + base.plusSeconds(2) + "&outcome=SUCCESS&limit=2"))
			.containsExactly("req-5", "req-4");
		assertThat(requestIds(invocationsPath("other"))).containsExactly("req-elsewhere");

		assertProblem(this.admin.get(invocationsPath("fn") + "?limit=0"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.admin.get(invocationsPath("fn") + "?from=yesterday"), HttpStatus.BAD_REQUEST,
				"MALFORMED_REQUEST");
		assertProblem(this.admin.get(invocationsPath("fn") + "?outcome=MAYBE"), HttpStatus.BAD_REQUEST,
				"MALFORMED_REQUEST");
		assertProblem(this.admin.get(invocationsPath("fn") + "?from=" + base + "&to=" + base), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");
		assertProblem(this.admin.get(invocationsPath("fn") + "?pageToken=garbage"), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");
	}

	@Test
	void logsAreReadOldestFirstByInvocationAndTime() {
		this.admin.createFunction(this.namespace, "fn");
		Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		List<FunctionLogLine> lines = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			lines.add(line((i % 2 == 0) ? "req-even" : "req-odd", base.plusSeconds(i), "stdout", "line " + i));
		}
		lines.add(line("req-even", base.plusSeconds(2), "stderr", "line 2 again"));
		lines.add(line("req-long", base.plusSeconds(9), "stdout", "x".repeat(1000)));
		ingest(new RecordBatch(List.of(), lines), null);

		assertThat(messages(logsPath("fn") + "?requestId=req-even")).containsExactly("line 0", "line 2", "line 2 again",
				"line 4");
		assertThat(messages(logsPath("fn") + "?from=" + base.plusSeconds(1) + "&to=" + base.plusSeconds(3)))
			.containsExactly("line 1", "line 2", "line 2 again");
		List<String> paged = new ArrayList<>();
		String token = null;
		do {
			JsonNode page = this.admin
				.get(logsPath("fn") + "?to=" + base.plusSeconds(9) + "&limit=2"
						+ ((token != null) ? "&pageToken=" + token : ""))
				.getBody();
			page.get("items").forEach((item) -> paged.add(item.get("message").asString()));
			token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asString();
		}
		while (token != null);
		assertThat(paged).containsExactly("line 0", "line 1", "line 2", "line 2 again", "line 3", "line 4", "line 5");

		String cut = messages(logsPath("fn") + "?requestId=req-long").getFirst();
		assertThat(cut).isEqualTo("x".repeat(272) + " [truncated 728 characters]");
	}

	@Test
	void aKeyOfAnotherNamespaceSeesNothing() {
		this.admin.createFunction(this.namespace, "fn");
		Instant now = Instant.now();
		ingest(new RecordBatch(List.of(record("secret-req", InvocationOutcome.SUCCESS, now)),
				List.of(line("secret-req", now, "stdout", "secret output"))), null);
		String otherNamespace = "others-" + System.nanoTime();
		this.admin.post("/v1/namespaces", Map.of("name", otherNamespace));
		String outsiderKey = keyWithRole(otherNamespace, "ADMIN");
		ControlPlaneClient outsider = new ControlPlaneClient(this.port, outsiderKey);
		ControlPlaneClient viewer = new ControlPlaneClient(this.port, keyWithRole(this.namespace, "VIEWER"));

		assertProblem(outsider.get(invocationsPath("fn")), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(outsider.get(invocationsPath("fn") + "/secret-req"), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(outsider.get(logsPath("fn")), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		try (EventStream stream = EventStream.open(streamUri("fn", ""),
				Map.of("Authorization", "Bearer " + outsiderKey))) {
			assertThat(stream.status()).isEqualTo(404);
		}

		assertThat(requestIds(invocationsPath("fn"), viewer)).containsExactly("secret-req");
		assertThat(viewer.get(logsPath("fn")).getBody().get("items")).hasSize(1);
	}

	@Test
	void aLiveStreamReceivesLinesStoredAfterItOpenedAndResumesAfterTheLastEventId() {
		this.admin.createFunction(this.namespace, "fn");
		Instant now = Instant.now();
		ingest(new RecordBatch(List.of(), List.of(line("before", now, "stdout", "written before"))), null);

		try (EventStream stream = EventStream.open(streamUri("fn", ""), adminHeaders())) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
			ingest(new RecordBatch(List.of(),
					List.of(line("after", now, "stdout", "first after"), line("after", now, "stderr", "second after"),
							new FunctionLogLine("after", this.namespace, "other-fn", "$LATEST", now, "stdout",
									"another function"))),
					null);

			EventStream.Event second = stream.await((event) -> event.message().equals("second after"), WAIT);
			assertThat(stream.events()).extracting(EventStream.Event::message)
				.containsExactly("first after", "second after");
			EventStream.Event first = stream.events().getFirst();
			assertThat(first.json().get("requestId").asString()).isEqualTo("after");
			assertThat(first.json().get("stream").asString()).isEqualTo("stdout");
			assertThat(Long.parseLong(second.id())).isGreaterThan(Long.parseLong(first.id()));

			try (EventStream resumed = EventStream.open(streamUri("fn", ""),
					Map.of("Authorization", adminHeaders().get("Authorization"), "Last-Event-ID", first.id()))) {
				resumed.await((event) -> event.message().equals("second after"), WAIT);
				assertThat(resumed.events()).extracting(EventStream.Event::message).containsExactly("second after");
			}
		}
		try (EventStream oneInvocation = EventStream.open(streamUri("fn", "?requestId=wanted"), adminHeaders())) {
			ingest(new RecordBatch(List.of(),
					List.of(line("unwanted", now, "stdout", "not this"), line("wanted", now, "stdout", "this one"))),
					null);
			oneInvocation.await((event) -> event.message().equals("this one"), WAIT);
			assertThat(oneInvocation.events()).extracting(EventStream.Event::message).containsExactly("this one");
		}
	}

	@Test
	void aLiveStreamEndsWhenItsClientGoesAway() {
		this.admin.createFunction(this.namespace, "fn");
		EventStream stream = EventStream.open(streamUri("fn", ""), adminHeaders());
		assertThat(stream.status()).isEqualTo(200);
		await().atMost(WAIT).until(() -> followerCount() >= 1);

		stream.close();

		await().atMost(WAIT).until(() -> followerCount() == 0);
	}

	@Test
	@DirtiesContext
	void stoppingTheControlPlaneEndsOpenStreams() {
		this.admin.createFunction(this.namespace, "fn");
		EventStream stream = EventStream.open(streamUri("fn", ""), adminHeaders());
		assertThat(stream.status()).isEqualTo(200);

		this.followers.stop();

		stream.ended().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
		assertThat(followerCount()).isZero();
		try (EventStream late = EventStream.open(streamUri("fn", ""), adminHeaders())) {
			late.ended().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
			assertThat(late.events()).isEmpty();
		}
	}

	@Test
	void retentionDeletesOldRowsInChunksAndKeepsRecentOnes() {
		this.admin.createFunction(this.namespace, "fn");
		Instant now = Instant.now();
		Instant old = now.minus(8, ChronoUnit.DAYS);
		List<InvocationRecord> records = new ArrayList<>();
		List<FunctionLogLine> lines = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			records.add(record("old-" + i, InvocationOutcome.SUCCESS, old.plusSeconds(i)));
			lines.add(line("old-" + i, old.plusSeconds(i), "stdout", "old " + i));
		}
		records.add(record("recent", InvocationOutcome.SUCCESS, now.minus(1, ChronoUnit.DAYS)));
		lines.add(line("recent", now.minus(1, ChronoUnit.DAYS), "stdout", "recent"));
		ingest(new RecordBatch(records, lines), UUID.randomUUID().toString());
		this.jdbc.sql("INSERT INTO received_record_batch (batch_key, received_at) VALUES ('ancient', ?)")
			.param(Stores.utc(now.minus(2, ChronoUnit.DAYS)))
			.update();

		Purged purged = this.retention.purge(now);

		assertThat(purged.records()).isGreaterThanOrEqualTo(7);
		assertThat(purged.lines()).isGreaterThanOrEqualTo(7);
		assertThat(requestIds(invocationsPath("fn"))).containsExactly("recent");
		assertThat(messages(logsPath("fn"))).containsExactly("recent");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM received_record_batch WHERE batch_key = 'ancient'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM received_record_batch").query(Long.class).single())
			.as("recent batch keys are kept")
			.isPositive();
	}

	private ResponseEntity<JsonNode> ingest(RecordBatch batch, @Nullable String batchKey) {
		return this.admin.rest()
			.post()
			.uri(RecordsApi.BATCH_PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (batchKey != null) {
					headers.set("Idempotency-Key", batchKey);
				}
			})
			.body(JSON.writeValueAsString(batch))
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private InvocationRecord record(String requestId, InvocationOutcome outcome, Instant startedAt) {
		return new InvocationRecord(requestId, this.namespace, "fn", "$LATEST", "http", outcome,
				(outcome == InvocationOutcome.SUCCESS) ? null : "Sandbox.Timedout", false, 0, 0.5, 10, 10, 128, 30,
				startedAt, startedAt.plusMillis(11), "invoker-1");
	}

	private FunctionLogLine line(String requestId, Instant at, String stream, String message) {
		return new FunctionLogLine(requestId, this.namespace, "fn", "$LATEST", at, stream, message);
	}

	private String invocationsPath(String function) {
		return ControlPlaneClient.functionsPath(this.namespace) + "/" + function + "/invocations";
	}

	private String logsPath(String function) {
		return ControlPlaneClient.functionsPath(this.namespace) + "/" + function + "/logs";
	}

	private URI streamUri(String function, String query) {
		return URI.create("http://localhost:" + this.port + logsPath(function) + "/stream" + query);
	}

	private static Map<String, String> adminHeaders() {
		return Map.of("Authorization",
				"Bearer " + ControlPlaneClient.ADMIN_ACCESS_KEY_ID + ":" + ControlPlaneClient.ADMIN_SECRET);
	}

	private List<String> requestIds(String path) {
		return requestIds(path, this.admin);
	}

	private static List<String> requestIds(String path, ControlPlaneClient client) {
		ResponseEntity<JsonNode> response = client.get(path);
		assertThat(response.getStatusCode()).as("%s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
		List<String> ids = new ArrayList<>();
		response.getBody().get("items").forEach((item) -> ids.add(item.get("requestId").asString()));
		return ids;
	}

	private List<String> messages(String path) {
		ResponseEntity<JsonNode> response = this.admin.get(path);
		assertThat(response.getStatusCode()).as("%s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
		List<String> messages = new ArrayList<>();
		response.getBody().get("items").forEach((item) -> messages.add(item.get("message").asString()));
		return messages;
	}

	private long countRows(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE namespace = ?")
			.param(this.namespace)
			.query(Long.class)
			.single();
	}

	private double followerCount() {
		return this.meterRegistry.get("aloft.logs.followers").gauge().value();
	}

	/**
	 * A new access key with a role in a namespace.
	 * @return its credentials, {@code id:secret}
	 */
	private String keyWithRole(String namespace, String role) {
		JsonNode key = this.admin.post("/v1/access-keys", Map.of()).getBody();
		String id = key.get("accessKeyId").asString();
		assertThat(this.admin.put("/v1/namespaces/" + namespace + "/role-bindings/" + id, null, Map.of("role", role))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		return id + ":" + key.get("secretAccessKey").asString();
	}

}
