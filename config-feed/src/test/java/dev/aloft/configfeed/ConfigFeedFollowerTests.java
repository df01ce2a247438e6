package dev.aloft.configfeed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aloft.configfeed.ConfigFeedFollower.ConfigFeedSettings;
import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigFeedApi;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.ResourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follower against a scripted control plane: snapshot, then changes; a re-snapshot
 * when its revision is gone; the last view kept through an outage.
 */
class ConfigFeedFollowerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HttpServer server;

	/** What the next changes request answers: a status and a body. */
	private final AtomicReference<Answer> nextChanges = new AtomicReference<>(new Answer(200, changes(1, List.of())));

	private final AtomicReference<ConfigSnapshot> snapshot = new AtomicReference<>(
			new ConfigSnapshot(1, List.of(ConfigViewTests.function("hello", "r1"))));

	private final AtomicInteger snapshotRequests = new AtomicInteger();

	private final List<String> changeQueries = new CopyOnWriteArrayList<>();

	private final Map<String, String> headers = new ConcurrentHashMap<>();

	private ConfigFeedFollower follower;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(ConfigFeedApi.SNAPSHOT_PATH, (exchange) -> {
			this.snapshotRequests.incrementAndGet();
			this.headers.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			respond(exchange, 200, JSON.writeValueAsString(this.snapshot.get()));
		});
		this.server.createContext(ConfigFeedApi.CHANGES_PATH, (exchange) -> {
			this.changeQueries.add(exchange.getRequestURI().getQuery());
			Answer answer = this.nextChanges.getAndSet(new Answer(200, changes(currentRevision(), List.of())));
			respond(exchange, answer.status(), answer.body());
		});
		this.server.start();
		URI uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		this.follower = new ConfigFeedFollower(new ConfigFeedSettings("test", uri, "secret-token",
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(50)), HttpClient.newHttpClient(), JSON);
	}

	@AfterEach
	void stop() {
		this.follower.close();
		this.server.stop(0);
	}

	@Test
	void loadsTheSnapshotThenAppliesChangesAndTellsListeners() throws Exception {
		List<Long> seen = new CopyOnWriteArrayList<>();
		this.follower.onUpdate((view) -> seen.add(view.revision()));
		this.follower.start();

		assertThat(this.follower.awaitRevision(1, Duration.ofSeconds(10))).isTrue();
		assertThat(this.follower.view().functionVersion("default", "hello", "$LATEST")).isNotNull();
		assertThat(this.headers.get("authorization")).isEqualTo("Bearer secret-token");

		this.nextChanges.set(new Answer(200, changes(2,
				List.of(new ConfigChange(2, ResourceKind.FUNCTION_VERSION, "default/hello:$LATEST", null)))));
		assertThat(this.follower.awaitRevision(2, Duration.ofSeconds(10))).isTrue();
		assertThat(this.follower.view().functionVersion("default", "hello", "$LATEST")).isNull();
		// Listeners hear of a view just after it becomes visible.
		await().untilAsserted(() -> assertThat(seen).contains(1L, 2L));
		assertThat(this.changeQueries).anySatisfy(
				(query) -> assertThat(query).contains("after=1").contains("waitSeconds=1").contains("follower=test-"));
	}

	@Test
	void startsAgainFromASnapshotWhenItsRevisionIsGone() throws Exception {
		this.follower.start();
		assertThat(this.follower.awaitRevision(1, Duration.ofSeconds(10))).isTrue();

		this.snapshot.set(new ConfigSnapshot(50, List.of(ConfigViewTests.route("r", "/r"))));
		this.nextChanges.set(new Answer(410, "{}"));

		assertThat(this.follower.awaitRevision(50, Duration.ofSeconds(10))).isTrue();
		assertThat(this.snapshotRequests.get()).isEqualTo(2);
		assertThat(this.follower.view().routes()).hasSize(1);
		assertThat(this.follower.view().functionVersion("default", "hello", "$LATEST")).isNull();
	}

	@Test
	void keepsItsLastViewWhileTheControlPlaneFailsAndCatchesUpAfterwards() throws Exception {
		this.follower.start();
		assertThat(this.follower.awaitRevision(1, Duration.ofSeconds(10))).isTrue();
		int before = this.changeQueries.size();

		this.nextChanges.set(new Answer(500, "{}"));
		await().until(() -> this.changeQueries.size() > before + 1);
		assertThat(this.follower.view().revision()).isEqualTo(1);
		assertThat(this.follower.view().functionVersion("default", "hello", "$LATEST")).isNotNull();

		this.nextChanges.set(new Answer(200, changes(3, List.of())));
		assertThat(this.follower.awaitRevision(3, Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void waitingForARevisionThatNeverComesTimesOut() throws Exception {
		this.follower.start();

		assertThat(this.follower.awaitRevision(99, Duration.ofMillis(200))).isFalse();
	}

	private long currentRevision() {
		return Math.max(this.follower.view().revision(), this.snapshot.get().revision());
	}

	private static String changes(long revision, List<ConfigChange> changes) {
		return JSON.writeValueAsString(new ConfigChanges(revision, changes));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private record Answer(int status, String body) {
	}

}
