package dev.aloft.router.dispatch;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.ScheduleConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone launcher runs the router on embedded H2 in PostgreSQL mode: the same
 * migration and the queue's SQL (claiming with {@code FOR UPDATE SKIP LOCKED},
 * idempotency, settling, lease recovery, dead-letter paging and redrive) work there too,
 * and so does firing a schedule (its tick row, locked or inserted, with the enqueue).
 * Claims there pick ids before locking them ({@link ClaimLocking}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:router-h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS router",
				"spring.datasource.username=sa", "spring.datasource.password=",
				"aloft.event-router.dispatch.poll-interval=50ms", "aloft.event-router.dispatch.lease-duration=3s",
				"aloft.event-router.dispatch.retry.function-error-delays=50ms" })
class QueueOnH2IntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClaimLocking claimLocking;

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
	void deliversDeduplicatesDeadLettersAndRedrives() {
		long revision = fakes.publishFunction("h2");
		Map<String, String> headers = Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision), "Idempotency-Key",
				"same");

		UUID delivered = this.router.accepted("h2", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), headers);
		UUID repeated = this.router.accepted("h2", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), headers);
		this.router.awaitState(delivered, "SUCCEEDED");
		assertThat(repeated).isEqualTo(delivered);
		assertThat(fakes.invoker.requestsFor(delivered.toString())).hasSize(1);

		fakes.invoker.answer("h2", Answer.functionError("Boom", "{\"errorMessage\":\"boom\"}"));
		UUID failed = this.router.accepted("h2", "{\"b\":2}", revision);
		UUID alsoFailed = this.router.accepted("h2", "{\"c\":3}", revision);
		assertThat(this.router.awaitState(failed, "DEAD").get("attempts").asInt()).isEqualTo(3);
		this.router.awaitState(alsoFailed, "DEAD");
		JsonNode page = RouterClient.json(this.router.get("/internal/v1/dead-letters?function=h2&limit=1").body());
		assertThat(page.get("items")).hasSize(1);
		JsonNode next = RouterClient.json(this.router
			.get("/internal/v1/dead-letters?function=h2&limit=1&pageToken=" + page.get("nextPageToken").asString())
			.body());
		assertThat(next.get("items")).hasSize(1);
		assertThat(next.get("items").get(0).get("id").asString())
			.isNotEqualTo(page.get("items").get(0).get("id").asString());

		fakes.invoker.answer("h2", Answer.success("{}"));
		HttpResponse<String> redriven = this.router.post("/internal/v1/dead-letters/" + failed + "/redrive");
		assertThat(redriven.statusCode()).isEqualTo(202);
		this.router.awaitState(failed, "SUCCEEDED");
	}

	@Test
	void redeliversAnEventWhoseLeaseExpired() {
		long revision = fakes.publishFunction("h2-orphan");
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.jdbc
			.sql("INSERT INTO async_invocation (id, kind, namespace, function_name, qualifier, source, payload, "
					+ "config_revision, state, attempts, deferrals, enqueued_at, next_attempt_at, lease_owner, "
					+ "lease_expires_at) VALUES (:id, 'INVOCATION', 'default', 'h2-orphan', '$LATEST', 'invoke-api', "
					+ ":payload, :revision, 'RUNNING', 0, 0, :now, :now, 'router-that-died', :expired)")
			.param("id", id)
			.param("payload", "{}".getBytes(StandardCharsets.UTF_8))
			.param("revision", revision)
			.param("now", now)
			.param("expired", now.minusSeconds(1))
			.update();

		this.router.awaitState(id, "SUCCEEDED");
		assertThat(fakes.invoker.requestsFor(id.toString())).hasSize(1);
	}

	@Test
	void deliversABacklogOnceEachClaimingInBatches() {
		assertThat(this.claimLocking).isEqualTo(ClaimLocking.PICK_THEN_LOCK);
		long revision = fakes.publishFunction("h2-backlog");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			UUID id = UUID.randomUUID();
			ids.add(id);
			this.jdbc
				.sql("INSERT INTO async_invocation (id, kind, namespace, function_name, qualifier, source, payload, "
						+ "config_revision, state, attempts, deferrals, enqueued_at, next_attempt_at) VALUES (:id, "
						+ "'INVOCATION', 'default', 'h2-backlog', '$LATEST', 'invoke-api', :payload, :revision, "
						+ "'QUEUED', 0, 0, :at, :at)")
				.param("id", id)
				.param("payload", "{}".getBytes(StandardCharsets.UTF_8))
				.param("revision", revision)
				.param("at", now.minusSeconds(300 - i))
				.update();
		}

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc
				.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name = 'h2-backlog' AND state = 'SUCCEEDED'")
				.query(Long.class)
				.single() == ids.size());
		assertThat(ids).allSatisfy((id) -> assertThat(fakes.invoker.requestsFor(id.toString())).hasSize(1));
	}

	@Test
	void firesSchedulesToo() {
		// A rate schedule's first tick is its creation time: due at once.
		fakes.publishFunction("h2-schedule",
				new ScheduleConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, "h2-schedule", "h2-schedule",
						"$LATEST", "rate(1 hour)", "UTC", "{\"tick\":true}", true, System.currentTimeMillis() - 1000));

		await().atMost(Duration.ofSeconds(15)).until(() -> !fakes.invoker.requests("h2-schedule").isEmpty());
		assertThat(fakes.invoker.requests("h2-schedule")).singleElement()
			.extracting(FakeInvoker.Recorded::bodyText)
			.isEqualTo("{\"tick\":true}");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM schedule_tick").query(Long.class).single()).isEqualTo(1);
	}

}
