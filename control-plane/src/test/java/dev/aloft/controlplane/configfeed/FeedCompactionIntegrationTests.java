package dev.aloft.controlplane.configfeed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed compaction on a real database: tombstones older than the retention go, the horizon
 * moves up to them, a follower behind the horizon is told to reload the snapshot
 * ({@code 410 REVISION_GONE}), and one at or after it still gets every change, deletions
 * included. Its own context (and database), with the periodic run out of the way, so that
 * the test drives the clock and moving the horizon affects no other test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "aloft.control-plane.feed.compaction-interval=1d")
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class FeedCompactionIntegrationTests {

	private static final String CHANGES = "/internal/v1/config/changes";

	/**
	 * Each test's clock starts days after the previous one's, since the compaction
	 * remembers what it saw at each (earlier) time it ran.
	 */
	private static final AtomicLong DAYS = new AtomicLong();

	@LocalServerPort
	private int port;

	@Autowired
	private FeedCompaction compaction;

	@Autowired
	private DataSource dataSource;

	private ControlPlaneClient client;

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void removesOldTombstonesAndSendsFollowersBehindTheHorizonToTheSnapshot() {
		String gone = uniqueName("gone");
		this.client.createFunction("default", gone);
		long beforeDeletion = this.client.revision();
		this.client.delete(functionsPath("default") + "/{name}", gone);
		String live = uniqueName("live");
		this.client.createFunction("default", live);
		long horizon = this.client.revision();
		assertThat(tombstones(gone)).isEqualTo(1);
		Instant start = start();

		this.compaction.compact(start);
		assertThat(tombstones(gone)).as("not a retention old yet").isEqualTo(1);
		assertThat(changesAfter(beforeDeletion).getStatusCode()).isEqualTo(HttpStatus.OK);

		int removed = this.compaction.compact(start.plus(Duration.ofHours(1)));

		assertThat(removed).isGreaterThanOrEqualTo(1);
		assertThat(tombstones(gone)).isZero();
		JsonNode problem = assertProblem(changesAfter(beforeDeletion), HttpStatus.GONE, "REVISION_GONE");
		assertThat(problem.get("detail").asString()).contains("snapshot");
		assertProblem(changesAfter(horizon - 1), HttpStatus.GONE, "REVISION_GONE");
		ResponseEntity<JsonNode> atHorizon = changesAfter(horizon);
		assertThat(atHorizon.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(atHorizon.getBody().get("revision").asLong()).isEqualTo(horizon);
		JsonNode snapshot = this.client.snapshot();
		assertThat(snapshot.get("revision").asLong()).isEqualTo(horizon);
		List<String> functions = snapshot.get("resources")
			.valueStream()
			.map((resource) -> resource.path("functionName").asString())
			.toList();
		assertThat(functions).contains(live).doesNotContain(gone);
	}

	@Test
	void keepsTombstonesNewerThanTheHorizon() {
		Instant start = start();
		String first = uniqueName("first");
		this.client.createFunction("default", first);
		this.client.delete(functionsPath("default") + "/{name}", first);
		this.compaction.compact(start);
		long horizon = this.client.revision();
		String later = uniqueName("later");
		this.client.createFunction("default", later);
		this.client.delete(functionsPath("default") + "/{name}", later);

		this.compaction.compact(start.plus(Duration.ofHours(1)).plusSeconds(1));

		assertThat(tombstones(first)).isZero();
		assertThat(tombstones(later)).isEqualTo(1);
		ResponseEntity<JsonNode> changes = changesAfter(horizon);
		assertThat(changes.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<JsonNode> deletions = changes.getBody()
			.get("changes")
			.valueStream()
			.filter((change) -> change.get("key").asString().equals(latestKey(later)))
			.toList();
		assertThat(deletions).singleElement()
			.satisfies((change) -> assertThat(change.get("resource").isNull()).isTrue());
	}

	@Test
	void compactingTwiceToTheSameHorizonRemovesNothingMore() {
		long revision = this.client.revision();
		this.compaction.compactTo(revision);

		assertThat(this.compaction.compactTo(revision)).isZero();
		assertThat(this.compaction.compactTo(revision - 1)).isZero();
		assertThat(changesAfter(revision).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private static Instant start() {
		return Instant.now().plus(Duration.ofDays(DAYS.addAndGet(10)));
	}

	private ResponseEntity<JsonNode> changesAfter(long revision) {
		return this.client.get(CHANGES + "?after={after}", revision);
	}

	private int tombstones(String function) {
		return JdbcClient.create(this.dataSource)
			.sql("SELECT COUNT(*) FROM config_resource WHERE resource_key = :key AND payload IS NULL")
			.param("key", latestKey(function))
			.query(Integer.class)
			.single();
	}

	private static String latestKey(String function) {
		return FunctionVersionConfig.keyOf("default", function, FunctionVersionConfig.LATEST);
	}

	private static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
