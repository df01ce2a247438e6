package dev.aloft.controlplane.function;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.OpenTransaction;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.controlplane.function.CodeArtifactCollection.Collected;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.springframework.transaction.PlatformTransactionManager;

import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.pythonFunction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code artifacts no function or version uses are collected once no upload used them for
 * the grace period; everything referenced, or used within it, stays. Runs are started
 * here with a chosen time (the timer is off), so nothing waits for the clock.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "aloft.control-plane.code.gc.enabled=false")
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class CodeArtifactCollectionIntegrationTests {

	/** The default grace period. */
	private static final Duration GRACE = Duration.ofHours(24);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private CodeArtifactCollection collection;

	@Autowired
	private MeterRegistry meterRegistry;

	private ControlPlaneClient client;

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void unreferencedArtifactIsCollectedOnceUnusedForTheGracePeriod() {
		byte[] zip = uniqueZip("unreferenced");
		String name = TriggerTestSupport.uniqueName("deleted");
		String sha256 = create(name, zip);
		assertThat(this.client.delete(function(name)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		Instant uploaded = Instant.now();

		this.collection.collect(uploaded.plus(GRACE).minusSeconds(60));
		assertThat(stored(sha256)).as("used within the grace period").isTrue();
		double collectedBefore = this.meterRegistry.get("aloft.code.artifacts.collected").counter().count();
		double freedBefore = this.meterRegistry.get("aloft.code.artifacts.freed").counter().count();

		Collected collected = this.collection.collect(uploaded.plus(GRACE).plusSeconds(1));

		assertThat(stored(sha256)).isFalse();
		assertThat(collected.artifacts()).isPositive();
		assertThat(collected.bytes()).isGreaterThanOrEqualTo(zip.length);
		assertThat(this.meterRegistry.get("aloft.code.artifacts.collected").counter().count())
			.isEqualTo(collectedBefore + collected.artifacts());
		assertThat(this.meterRegistry.get("aloft.code.artifacts.freed").counter().count())
			.isEqualTo(freedBefore + collected.bytes());
	}

	@Test
	void artifactsOfLatestAndOfPublishedVersionsAreKept() {
		String name = TriggerTestSupport.uniqueName("versioned");
		byte[] first = uniqueZip("published");
		byte[] second = uniqueZip("latest");
		String published = create(name, first);
		assertThat(this.client.post(function(name) + "/versions", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		String latest = replaceCode(name, second);

		this.collection.collect(Instant.now().plus(GRACE.multipliedBy(30)));

		assertThat(stored(published)).as("version 1 runs it").isTrue();
		assertThat(stored(latest)).as("$LATEST runs it").isTrue();
		assertThat(this.client.get(function(name) + "/versions/1").getBody().get("codeSha256").asString())
			.isEqualTo(published);

		assertThat(this.client.delete(function(name) + "/versions/1").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		this.collection.collect(Instant.now().plus(GRACE.multipliedBy(30)));

		assertThat(stored(published)).isFalse();
		assertThat(stored(latest)).isTrue();
	}

	@Test
	void codeReplacedByUpdateFunctionCodeIsCollectedAfterTheGracePeriod() {
		String name = TriggerTestSupport.uniqueName("updated");
		byte[] old = uniqueZip("old");
		byte[] current = uniqueZip("current");
		String oldSha256 = create(name, old);
		String currentSha256 = replaceCode(name, current);
		Instant replaced = Instant.now();

		this.collection.collect(replaced.plus(GRACE).minusSeconds(60));
		assertThat(stored(oldSha256)).as("used within the grace period").isTrue();

		this.collection.collect(replaced.plus(GRACE).plusSeconds(1));

		assertThat(stored(oldSha256)).isFalse();
		assertThat(stored(currentSha256)).isTrue();
		assertThat(this.client.get(function(name)).getBody().get("codeSha256").asString()).isEqualTo(currentSha256);
	}

	@Test
	void reusingAStoredArtifactMarksItUsed() {
		byte[] zip = uniqueZip("reused");
		String first = TriggerTestSupport.uniqueName("first");
		String sha256 = create(first, zip);
		this.jdbc
			.sql("UPDATE code_artifact SET last_used_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'"
					+ " WHERE sha256 = ?")
			.param(sha256)
			.update();
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		String second = TriggerTestSupport.uniqueName("second");
		assertThat(create(second, zip)).isEqualTo(sha256);

		assertThat(lastUsed(sha256)).isAfterOrEqualTo(before);
		this.client.delete(function(first));
		this.client.delete(function(second));
		this.collection.collect(before.plus(GRACE).minusSeconds(60));
		assertThat(stored(sha256)).as("reused within the grace period").isTrue();
	}

	@Test
	void collectedCodeUploadedAgainIsStoredAgain() {
		byte[] zip = uniqueZip("again");
		String name = TriggerTestSupport.uniqueName("gone");
		String sha256 = create(name, zip);
		this.client.delete(function(name));
		this.collection.collect(Instant.now().plus(GRACE).plusSeconds(1));
		assertThat(stored(sha256)).isFalse();

		String back = TriggerTestSupport.uniqueName("back");
		assertThat(create(back, zip)).isEqualTo(sha256);

		assertThat(stored(sha256)).isTrue();
		assertThat(this.client.rest()
			.get()
			.uri("/internal/v1/code/{sha256}", sha256)
			.retrieve()
			.toEntity(byte[].class)
			.getBody()).isEqualTo(zip);
	}

	/**
	 * A reference written after the run found the artifact unreferenced, committed while
	 * its delete waits: the foreign key refuses the delete, and the run goes on.
	 */
	@Test
	void deleteRefusedByTheForeignKeyIsSkipped() throws SQLException {
		String unused = TriggerTestSupport.uniqueName("unused");
		String sha256 = create(unused, uniqueZip("raced"));
		this.client.delete(function(unused));
		String user = TriggerTestSupport.uniqueName("user");
		create(user, uniqueZip("user"));
		Instant later = Instant.now().plus(GRACE.multipliedBy(30));

		CompletableFuture<Collected> run;
		try (OpenTransaction reference = OpenTransaction.begin(this.dataSource, "UPDATE function_definition"
				+ " SET code_sha256 = '" + sha256 + "' WHERE namespace = 'default' AND name = '" + user + "'")) {
			run = CompletableFuture.supplyAsync(() -> this.collection.collect(later));
			reference.awaitWaiting(1);
			reference.commit();
		}

		assertThat(run.join()).isNotNull();
		assertThat(stored(sha256)).isTrue();
	}

	/**
	 * An upload of content whose row a collection is deleting waits for that delete,
	 * finds nothing to mark, and stores the content again.
	 */
	@Test
	void uploadOfContentBeingCollectedStoresItAgain() throws SQLException {
		byte[] zip = uniqueZip("collecting");
		String name = TriggerTestSupport.uniqueName("collecting");
		String sha256 = create(name, zip);
		this.client.delete(function(name));
		String again = TriggerTestSupport.uniqueName("again");

		CompletableFuture<ResponseEntity<JsonNode>> upload;
		try (OpenTransaction collecting = OpenTransaction.begin(this.dataSource,
				"DELETE FROM code_artifact WHERE sha256 = '" + sha256 + "'")) {
			upload = CompletableFuture
				.supplyAsync(() -> this.client.post(functionsPath("default"), pythonFunction(again, zip)));
			collecting.awaitWaiting(1);
			collecting.commit();
		}

		assertThat(upload.join().getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(stored(sha256)).isTrue();
		assertThat(this.client.get(function(again)).getBody().get("codeSha256").asString()).isEqualTo(sha256);
	}

	@Test
	void restartsAfterItsLifecycleStops(@Autowired CodeContentStore contentStore,
			@Autowired CodeContentDeletions deletions, @Autowired PlatformTransactionManager transactions) {
		CodeArtifactCollection enabled = new CodeArtifactCollection(this.jdbc, contentStore, deletions,
				new CodeCollectionProperties(true, Duration.ofHours(1), GRACE, 100), transactions,
				new SimpleMeterRegistry());

		enabled.start();
		assertThat(enabled.scheduled()).isTrue();
		enabled.stop();
		assertThat(enabled.isRunning()).isFalse();
		assertThat(enabled.scheduled()).isFalse();
		enabled.start();
		assertThat(enabled.isRunning()).isTrue();
		assertThat(enabled.scheduled()).isTrue();
		enabled.stop();

		assertThat(this.collection.isRunning()).as("started, with the timer off").isTrue();
		assertThat(this.collection.scheduled()).isFalse();
	}

	private String create(String name, byte[] zip) {
		ResponseEntity<JsonNode> created = this.client.post(functionsPath("default"), pythonFunction(name, zip));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("codeSha256").asString();
	}

	private String replaceCode(String name, byte[] zip) {
		ResponseEntity<JsonNode> replaced = this.client.putBytes(function(name) + "/code",
				this.client.get(function(name)).getHeaders().getETag(), "application/zip", zip);
		assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
		return replaced.getBody().get("codeSha256").asString();
	}

	private boolean stored(String sha256) {
		return this.jdbc.sql("SELECT count(*) FROM code_artifact WHERE sha256 = ?")
			.param(sha256)
			.query(Long.class)
			.single() > 0;
	}

	private Instant lastUsed(String sha256) {
		return this.jdbc.sql("SELECT last_used_at FROM code_artifact WHERE sha256 = ?")
			.param(sha256)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private static byte[] uniqueZip(String marker) {
		return CodeZips.pythonApp(TriggerTestSupport.uniqueName(marker));
	}

	private static String function(String name) {
		return functionsPath("default") + "/" + name;
	}

}
