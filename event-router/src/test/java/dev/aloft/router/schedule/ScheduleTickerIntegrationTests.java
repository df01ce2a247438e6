package dev.aloft.router.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.ScheduleConfig;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.dispatch.AsyncInvocations;
import dev.aloft.router.dispatch.FakeInvoker.Recorded;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import dev.aloft.testsupport.SettableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules fire each tick once, with EventBridge's envelope, in their time zone, once
 * after downtime, and once with two routers on one database. Time is a settable clock;
 * the router's own ticker is off, and each test drives tickers of its own.
 */
@RouterIntegrationTest
@TestPropertySource(properties = "aloft.event-router.schedule.enabled=false")
class ScheduleTickerIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

	@Autowired
	FunctionCatalog catalog;

	@Autowired
	AsyncInvocations invocations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ScheduledEvents events;

	@Autowired
	MeterRegistry registry;

	/** Each test's schedules, retracted after it so that the next sees only its own. */
	final List<ScheduleConfig> published = new ArrayList<>();

	@AfterEach
	void retractSchedules() {
		long revision = -1;
		for (ScheduleConfig schedule : this.published) {
			revision = fakes.controlPlane.delete(ResourceKind.SCHEDULE, schedule.id());
		}
		if (revision >= 0) {
			fakes.controlPlane.awaitFollowerAt(revision);
		}
	}

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
	}

	@AfterAll
	static void stopFakes() {
		fakes.close();
	}

	@Test
	void rateScheduleFiresEachTickOnceWithTheScheduledEventEnvelope() {
		ScheduleConfig schedule = schedule("every-five", "tick", "rate(5 minutes)", "UTC", T0);
		publish("tick", schedule);
		SettableClock clock = new SettableClock(T0.plusSeconds(1));
		ScheduleTicker ticker = ticker(clock);

		ticker.fireDue(clock.instant());
		ticker.fireDue(clock.instant());
		clock.set(T0.plus(Duration.ofMinutes(4)));
		assertThat(ticker.fireDue(clock.instant())).contains(T0.plus(Duration.ofMinutes(5)));
		clock.set(T0.plus(Duration.ofMinutes(5)).plusMillis(10));
		ticker.fireDue(clock.instant());
		ticker.fireDue(clock.instant());

		assertThat(queued("tick")).isEqualTo(2);
		List<JsonNode> received = awaitEvents("tick", 2);
		assertThat(received).extracting((event) -> event.get("time").asString())
			.containsExactlyInAnyOrder("2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z");
		JsonNode first = received.stream()
			.filter((event) -> event.get("time").asString().equals("2026-03-02T10:00:00Z"))
			.findFirst()
			.orElseThrow();
		String expected = "{\"version\":\"0\",\"id\":\"" + ScheduledEvents.eventId(schedule, T0)
				+ "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"000000000000\","
				+ "\"time\":\"2026-03-02T10:00:00Z\",\"region\":\"us-east-1\","
				+ "\"resources\":[\"arn:aws:events:us-east-1:000000000000:rule/every-five\"],\"detail\":{}}";
		assertThat(JSON.writeValueAsString(first)).isEqualTo(expected);
	}

	@Test
	void afterDowntimeFiresTheLatestMissedTickOnce() {
		publish("catch-up", schedule("minutely", "catch-up", "rate(1 minute)", "UTC", T0));
		SettableClock clock = new SettableClock(T0);
		ScheduleTicker ticker = ticker(clock);
		ticker.fireDue(clock.instant());

		// A day down: 1,440 ticks missed. A new router (no memory) fires the latest once.
		clock.set(T0.plus(Duration.ofDays(1)).plusSeconds(30));
		ScheduleTicker restarted = ticker(clock);
		restarted.fireDue(clock.instant());
		restarted.fireDue(clock.instant());
		ticker.fireDue(clock.instant());

		assertThat(queued("catch-up")).isEqualTo(2);
		assertThat(awaitEvents("catch-up", 2)).extracting((event) -> event.get("time").asString())
			.containsExactlyInAnyOrder("2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z");
	}

	@Test
	void twoRoutersOnOneDatabaseFireEachTickOnce() throws Exception {
		publish("shared", schedule("shared", "shared", "rate(1 minute)", "UTC", T0));
		SettableClock clock = new SettableClock(T0);
		ScheduleTicker first = ticker(clock);
		ScheduleTicker second = ticker(clock);
		CyclicBarrier together = new CyclicBarrier(2);
		try (ExecutorService routers = Executors.newFixedThreadPool(2)) {
			for (int minute = 0; minute < 5; minute++) {
				clock.set(T0.plus(Duration.ofMinutes(minute)).plusSeconds(1));
				// The first pass of each also races for the schedule's first row.
				CompletableFuture<?> a = CompletableFuture.runAsync(() -> pass(first, together, clock), routers);
				CompletableFuture<?> b = CompletableFuture.runAsync(() -> pass(second, together, clock), routers);
				CompletableFuture.allOf(a, b).get();
			}
		}

		assertThat(queued("shared")).isEqualTo(5);
		assertThat(awaitEvents("shared", 5)).extracting((event) -> event.get("time").asString())
			.containsExactlyInAnyOrder("2026-03-02T10:00:00Z", "2026-03-02T10:01:00Z", "2026-03-02T10:02:00Z",
					"2026-03-02T10:03:00Z", "2026-03-02T10:04:00Z");
	}

	@Test
	void cronFiresInItsTimeZoneAcrossTheEndOfDaylightSavingTime() {
		// 09:00 on weekdays in New York: 13:00Z in summer time, 14:00Z after 2 November.
		Instant created = Instant.parse("2025-10-31T12:00:00Z");
		publish("nine", schedule("nine", "nine", "cron(0 9 ? * MON-FRI *)", "America/New_York", created));
		SettableClock clock = new SettableClock(Instant.parse("2025-10-31T13:00:20Z"));
		ScheduleTicker ticker = ticker(clock);

		assertThat(ticker.fireDue(clock.instant())).contains(Instant.parse("2025-11-03T14:00:00Z"));
		clock.set(Instant.parse("2025-11-03T14:00:05Z"));
		ticker.fireDue(clock.instant());

		assertThat(awaitEvents("nine", 2)).extracting((event) -> event.get("time").asString())
			.containsExactlyInAnyOrder("2025-10-31T13:00:00Z", "2025-11-03T14:00:00Z");
	}

	@Test
	void oneTimeScheduleFiresOnceAndItsInputIsThePayload() {
		ScheduleConfig once = new ScheduleConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, "once", "once",
				"$LATEST", "at(2026-03-02T12:30:00)", "Europe/Paris", "{\"custom\":true}", true, T0.toEpochMilli());
		publish("once", once);
		SettableClock clock = new SettableClock(Instant.parse("2026-03-02T11:29:00Z"));
		ScheduleTicker ticker = ticker(clock);
		ticker.fireDue(clock.instant());
		assertThat(queued("once")).isZero();

		clock.set(Instant.parse("2026-03-02T11:30:00Z"));
		ticker.fireDue(clock.instant());
		clock.set(Instant.parse("2026-03-09T11:30:00Z"));
		assertThat(ticker.fireDue(clock.instant())).isEmpty();

		assertThat(queued("once")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(fakes.invoker.requests("once")).singleElement()
				.extracting(Recorded::bodyText)
				.isEqualTo("{\"custom\":true}"));
	}

	@Test
	void disabledSchedulesDoNotFireAndATickForAMissingFunctionIsSpent() {
		ScheduleConfig disabled = new ScheduleConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, "off", "off",
				"$LATEST", "rate(1 minute)", "UTC", null, false, T0.toEpochMilli());
		ScheduleConfig orphan = schedule("orphan", "no-such-function", "rate(1 minute)", "UTC", T0);
		this.published.add(disabled);
		this.published.add(orphan);
		long revision = fakes.publishFunction("off", disabled, orphan);
		fakes.controlPlane.awaitFollowerAt(revision);
		double before = missedCount();
		SettableClock clock = new SettableClock(T0.plusSeconds(5));
		ScheduleTicker ticker = ticker(clock);

		ticker.fireDue(clock.instant());
		ticker.fireDue(clock.instant());

		assertThat(queued("off")).isZero();
		assertThat(queued("no-such-function")).isZero();
		assertThat(missedCount() - before).isEqualTo(1);
		assertThat(new ScheduleStore(this.jdbc, this.transactions, clock).lastFired(orphan.id())).contains(T0);
	}

	private void pass(ScheduleTicker ticker, CyclicBarrier together, SettableClock clock) {
		try {
			together.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		ticker.fireDue(clock.instant());
	}

	private ScheduleTicker ticker(SettableClock clock) {
		return new ScheduleTicker(this.catalog, this.invocations,
				new ScheduleStore(this.jdbc, this.transactions, clock), this.events, this.registry);
	}

	private static ScheduleConfig schedule(String name, String function, String expression, String zone,
			Instant created) {
		return new ScheduleConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE, name, function, "$LATEST",
				expression, zone, null, true, created.toEpochMilli());
	}

	private void publish(String function, ScheduleConfig schedule) {
		this.published.add(schedule);
		long revision = fakes.publishFunction(function, schedule);
		fakes.controlPlane.awaitFollowerAt(revision);
	}

	private long queued(String function) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM async_invocation WHERE function_name = :function AND source = 'schedule'")
			.param("function", function)
			.query(Long.class)
			.single();
	}

	private double missedCount() {
		var counter = this.registry.find("aloft.events.schedule.ticks").tag("outcome", "function_not_found").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<JsonNode> awaitEvents(String function, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> fakes.invoker.requests(function).size() >= count);
		List<JsonNode> events = new ArrayList<>();
		fakes.invoker.requests(function).forEach((request) -> events.add(JSON.readTree(request.bodyText())));
		assertThat(events).hasSize(count);
		return events;
	}

}
