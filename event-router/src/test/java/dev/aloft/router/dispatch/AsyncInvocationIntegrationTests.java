package dev.aloft.router.dispatch;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.dispatch.FakeInvoker.Recorded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The enqueue API and the happy path: an accepted event is committed, then delivered
 * once; bad input is answered with a problem and changes nothing.
 */
@RouterIntegrationTest
class AsyncInvocationIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

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
	void deliversAnAcceptedEventOnce() {
		long revision = fakes.publishFunction("hello");
		String event = "{\"hello\": \"world\"}";

		UUID id = this.router.accepted("hello", event, revision);

		JsonNode status = this.router.awaitState(id, "SUCCEEDED");
		assertThat(status.get("attempts").asInt()).isEqualTo(1);
		assertThat(status.get("source").asString()).isEqualTo("invoke-api");
		assertThat(fakes.invoker.requestsFor(id.toString())).singleElement().satisfies((request) -> {
			assertThat(request.namespace()).isEqualTo(RouterFakes.NAMESPACE);
			assertThat(request.function()).isEqualTo("hello");
			assertThat(request.version()).isEqualTo("$LATEST");
			assertThat(request.bodyText()).isEqualTo(event);
			assertThat(request.header(InvokerApi.TRIGGER)).isEqualTo("invoke-api");
			assertThat(request.header(InvokerApi.INVOKED_FUNCTION_ARN)).isEqualTo(RouterFakes.arn("hello"));
			// Gateways relay the router's invocations only for the internal token.
			assertThat(request.header("Authorization")).isEqualTo("Bearer " + RouterClient.internalToken());
			assertThat(Long.parseLong(request.header(InvokerApi.CONFIG_REVISION))).isGreaterThanOrEqualTo(revision);
		});
	}

	@Test
	void aRepeatedIdempotencyKeyEnqueuesNothing() {
		long revision = fakes.publishFunction("once");
		Map<String, String> headers = Map.of("Idempotency-Key", "order-42", InvokerApi.CONFIG_REVISION,
				Long.toString(revision), "Aloft-Source", "schedule");

		HttpResponse<String> first = this.router.enqueue("once", null, "{}".getBytes(StandardCharsets.UTF_8), headers);
		HttpResponse<String> second = this.router.enqueue("once", null, "{}".getBytes(StandardCharsets.UTF_8), headers);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(second.headers().firstValue("Aloft-Idempotent-Replay")).hasValue("true");
		String id = RouterClient.json(first.body()).get("invocationId").asString();
		assertThat(RouterClient.json(second.body()).get("invocationId").asString()).isEqualTo(id);
		this.router.awaitState(UUID.fromString(id), "SUCCEEDED");
		assertThat(fakes.invoker.requests("once")).singleElement()
			.satisfies((request) -> assertThat(request.header(InvokerApi.TRIGGER)).isEqualTo("schedule"));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name = 'once'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void eventsAreOpaqueBytes() {
		long revision = fakes.publishFunction("opaque");
		byte[] event = { 'n', 'o', 't', ' ', 'j', 's', 'o', 'n', 0, (byte) 0xff, '\n' };

		UUID id = this.router.accepted("opaque", event, Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision)));

		this.router.awaitState(id, "SUCCEEDED");
		assertThat(fakes.invoker.requestsFor(id.toString())).singleElement()
			.satisfies((request) -> assertThat(request.body()).isEqualTo(event));
	}

	@Test
	void acceptsAnEventOfExactlyTheLimitAndRefusesALargerOneWithAProblem() {
		long revision = fakes.publishFunction("big");
		byte[] limit = new byte[1024 * 1024];
		Arrays.fill(limit, (byte) 'x');
		byte[] over = new byte[limit.length + 1];
		Arrays.fill(over, (byte) 'x');
		Map<String, String> headers = Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision));

		HttpResponse<String> refused = this.router.enqueue("big", null, over, headers);
		UUID accepted = this.router.accepted("big", limit, headers);

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = RouterClient.json(refused.body());
		assertThat(problem.get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(problem.get("detail").asString())
			.isEqualTo("1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)");
		this.router.awaitState(accepted, "SUCCEEDED");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name = 'big'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void answersAnUnknownFunctionOrQualifierWithAProblem() {
		long revision = fakes.publishFunction("known");
		Map<String, String> headers = Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision));

		HttpResponse<String> unknownFunction = this.router.enqueue("unknown", null, new byte[0], headers);
		HttpResponse<String> unknownQualifier = this.router.enqueue("known", "no-such-alias", new byte[0], headers);

		for (HttpResponse<String> response : new HttpResponse[] { unknownFunction, unknownQualifier }) {
			assertThat(response.statusCode()).isEqualTo(404);
			JsonNode problem = RouterClient.json(response.body());
			assertThat(problem.get("code").asString()).isEqualTo("FUNCTION_NOT_FOUND");
			assertThat(problem.get("type").asString()).isEqualTo("https://docs.aloft.dev/problems/function-not-found");
			assertThat(problem.get("retryable").asBoolean()).isFalse();
		}
		assertThat(RouterClient.json(unknownFunction.body()).get("detail").asString())
			.startsWith("Function not found: " + RouterFakes.arn("unknown") + ":$LATEST");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name IN ('unknown', 'known')")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void answersAnUnknownSourceOrMalformedHeadersWithAProblem() {
		long revision = fakes.publishFunction("strict");

		HttpResponse<String> badSource = this.router.enqueue("strict", null, new byte[0],
				Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision), "Aloft-Source", "carrier-pigeon"));
		HttpResponse<String> badKey = this.router.enqueue("strict", null, new byte[0],
				Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision), "Idempotency-Key", "x".repeat(257)));
		HttpResponse<String> badName = this.router.enqueue("bad*name", null, new byte[0], Map.of());

		assertThat(badSource.statusCode()).isEqualTo(400);
		assertThat(RouterClient.json(badSource.body()).get("detail").asString()).contains("carrier-pigeon")
			.contains("invoke-api");
		assertThat(badKey.statusCode()).isEqualTo(400);
		assertThat(RouterClient.json(badKey.body()).get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(badName.statusCode()).isEqualTo(400);
	}

	@Test
	void answersACallerAheadOfTheRoutersViewWithARetryableProblem() {
		long revision = fakes.publishFunction("ahead");

		HttpResponse<String> response = this.router.enqueue("ahead", null, new byte[0],
				Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision + 1000)));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		JsonNode problem = RouterClient.json(response.body());
		assertThat(problem.get("code").asString()).isEqualTo("CONFIGURATION_NOT_CURRENT");
		assertThat(problem.get("retryable").asBoolean()).isTrue();
	}

	@Test
	void runsTheVersionAnAliasPointsAt() {
		long revision = fakes.publishFunction("aliased", RouterFakes.version("aliased", "1"),
				RouterFakes.alias("aliased", "live", "1"));

		HttpResponse<String> response = this.router.enqueue("aliased", "live", "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision)));

		assertThat(response.statusCode()).isEqualTo(202);
		UUID id = UUID.fromString(RouterClient.json(response.body()).get("invocationId").asString());
		this.router.awaitState(id, "SUCCEEDED");
		Recorded request = fakes.invoker.requestsFor(id.toString()).get(0);
		assertThat(request.version()).isEqualTo("1");
		assertThat(request.header(InvokerApi.INVOKED_FUNCTION_ARN)).isEqualTo(RouterFakes.arn("aliased") + ":live");
	}

	@Test
	void redeliversAnEventWhoseRouterDiedMidDispatch() {
		long revision = fakes.publishFunction("orphaned");
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.jdbc
			.sql("INSERT INTO async_invocation (id, kind, namespace, function_name, qualifier, source, payload, "
					+ "config_revision, state, attempts, deferrals, enqueued_at, next_attempt_at, lease_owner, "
					+ "lease_expires_at) VALUES (:id, 'INVOCATION', 'default', 'orphaned', '$LATEST', 'invoke-api', "
					+ ":payload, :revision, 'RUNNING', 0, 0, :now, :now, 'router-that-died', :expired)")
			.param("id", id)
			.param("payload", "{\"recovered\":true}".getBytes(StandardCharsets.UTF_8))
			.param("revision", revision)
			.param("now", now)
			.param("expired", now.minusSeconds(1))
			.update();

		this.router.awaitState(id, "SUCCEEDED");

		assertThat(fakes.invoker.requestsFor(id.toString())).singleElement()
			.satisfies((request) -> assertThat(request.bodyText()).isEqualTo("{\"recovered\":true}"));
	}

	@Test
	void reportsAnUnknownInvocationWithAProblem() {
		HttpResponse<String> response = this.router.get("/internal/v1/async-invocations/" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(RouterClient.json(response.body()).get("code").asString()).isEqualTo("ASYNC_INVOCATION_NOT_FOUND");
	}

	@Test
	void refusesCallersWithoutTheInternalToken() {
		HttpRequest anonymous = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/internal/v1/dead-letters"))
			.build();
		HttpRequest wrongToken = HttpRequest.newBuilder(anonymous, (name, value) -> true)
			.header("Authorization", "Bearer not-the-token")
			.build();
		HttpRequest health = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
			.build();

		for (HttpRequest request : List.of(anonymous, wrongToken)) {
			HttpResponse<String> response = this.router.sendAs(request);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(RouterClient.json(response.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");
		}
		assertThat(this.router.sendAs(health).statusCode()).isEqualTo(200);
	}

	@Test
	void exposesQueueMetrics() {
		long revision = fakes.publishFunction("measured");
		UUID id = this.router.accepted("measured", "{}", revision);
		this.router.awaitState(id, "SUCCEEDED");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String metrics = this.router.get("/actuator/prometheus").body();
			assertThat(metrics).contains("aloft_events_queue_depth{")
				.contains("aloft_events_queue_oldest_age_seconds{")
				.contains("aloft_events_dead_letters_stored{")
				.containsPattern("aloft_events_enqueued_total\\{[^}]*source=\"invoke-api\"")
				.containsPattern("aloft_events_dispatched_total\\{[^}]*outcome=\"success\"[^}]*source=\"invoke-api\"");
			assertThat(metrics).doesNotContain(id.toString());
		});
	}

}
