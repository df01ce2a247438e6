package dev.aloft.router.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.aloft.contracts.config.ScheduleConfig;
import dev.aloft.router.dispatch.RouterFakes;
import dev.aloft.router.dispatch.RouterIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running router fires a schedule it learns about from the feed, on its own, through
 * the queue to the function.
 */
@RouterIntegrationTest
class ScheduleRunnerIntegrationTests {

	static final RouterFakes fakes = new RouterFakes();

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		fakes.register(registry);
	}

	@AfterAll
	static void stopFakes() {
		fakes.close();
	}

	@Test
	void firesANewScheduleThroughTheQueue() {
		// A rate schedule's first tick is its creation time: due at once.
		Instant created = Instant.now().minusSeconds(1);
		fakes.publishFunction("cron-job", new ScheduleConfig(UUID.randomUUID().toString(), RouterFakes.NAMESPACE,
				"nightly", "cron-job", "$LATEST", "rate(1 hour)", "UTC", null, true, created.toEpochMilli()));

		await().atMost(Duration.ofSeconds(15)).until(() -> !fakes.invoker.requests("cron-job").isEmpty());

		JsonNode event = JsonMapper.builder().build().readTree(fakes.invoker.requests("cron-job").get(0).bodyText());
		assertThat(event.get("detail-type").asString()).isEqualTo("Scheduled Event");
		assertThat(event.get("source").asString()).isEqualTo("aws.events");
		assertThat(event.get("resources").get(0).asString())
			.isEqualTo("arn:aws:events:us-east-1:000000000000:rule/nightly");
		assertThat(fakes.invoker.requests("cron-job").get(0).header("Aloft-Trigger")).isEqualTo("schedule");
	}

}
