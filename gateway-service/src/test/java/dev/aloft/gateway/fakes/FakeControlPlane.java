package dev.aloft.gateway.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigFeedApi;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.ResourceKind;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/**
 * The control plane's configuration feed, served by the JDK's HTTP server: a snapshot,
 * and a changes long-poll that answers as soon as a test publishes a change, or with no
 * changes at the same revision once a short wait runs out.
 */
public final class FakeControlPlane implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The longest this fake holds a long-poll, whatever the follower asks for. */
	private static final Duration MAX_HOLD = Duration.ofSeconds(1);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Object monitor = new Object();

	private final Map<String, ConfigResource> resources = new LinkedHashMap<>();

	private final List<ConfigChange> history = new ArrayList<>();

	private long revision;

	private long followerRevision = -1;

	private final List<Recorded> otherRequests = new CopyOnWriteArrayList<>();

	private volatile Answer otherAnswer = Answer.json(404, "{}");

	private FakeControlPlane(long revision, List<ConfigResource> resources) throws IOException {
		this.revision = revision;
		resources.forEach((resource) -> this.resources.put(id(resource.kind(), resource.key()), resource));
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext(ConfigFeedApi.SNAPSHOT_PATH, this::snapshot);
		this.server.createContext(ConfigFeedApi.CHANGES_PATH, this::changes);
		this.server.createContext("/", this::other);
		this.server.start();
	}

	public static FakeControlPlane start(long revision, List<ConfigResource> resources) {
		try {
			return new FakeControlPlane(revision, resources);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Points the gateway under test at this control plane, following its feed with short
	 * waits so that tests see changes quickly.
	 * @param registry the test's dynamic properties
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("aloft.gateway.control-plane.url", () -> uri().toString());
		registry.add("aloft.gateway.control-plane.poll-wait", () -> "1s");
		registry.add("aloft.gateway.control-plane.retry-delay", () -> "100ms");
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public long revision() {
		synchronized (this.monitor) {
			return this.revision;
		}
	}

	/**
	 * Publishes new or changed resources at the next revision.
	 * @param changed the resources
	 * @return the new revision
	 */
	public long publish(ConfigResource... changed) {
		synchronized (this.monitor) {
			this.revision++;
			for (ConfigResource resource : changed) {
				this.resources.put(id(resource.kind(), resource.key()), resource);
				this.history.add(new ConfigChange(this.revision, resource.kind(), resource.key(), resource));
			}
			this.monitor.notifyAll();
			return this.revision;
		}
	}

	/**
	 * Publishes the deletion of a resource at the next revision.
	 * @param kind the resource's kind
	 * @param key the resource's key
	 * @return the new revision
	 */
	public long delete(ResourceKind kind, String key) {
		synchronized (this.monitor) {
			this.revision++;
			this.resources.remove(id(kind, key));
			this.history.add(new ConfigChange(this.revision, kind, key, null));
			this.monitor.notifyAll();
			return this.revision;
		}
	}

	/**
	 * Waits until the follower has asked for the changes after a revision, which it does
	 * only once its view (and so the gateway's routes) reached it.
	 * @param revision the revision
	 */
	public void awaitFollowerAt(long revision) {
		await().atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> {
				synchronized (this.monitor) {
					return this.followerRevision >= revision;
				}
			});
	}

	/**
	 * Sets how requests other than the feed's (the Lambda management API the gateway
	 * forwards) are answered from now on, and forgets those received so far.
	 * @param answer the answer
	 */
	public void answerOthers(Answer answer) {
		this.otherAnswer = answer;
		this.otherRequests.clear();
	}

	/**
	 * The requests other than the feed's received since {@link #answerOthers}.
	 * @return the requests
	 */
	public List<Recorded> otherRequests() {
		return List.copyOf(this.otherRequests);
	}

	private void other(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		this.otherRequests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, body));
		this.otherAnswer.send(exchange);
	}

	private void snapshot(HttpExchange exchange) throws IOException {
		ConfigSnapshot snapshot;
		synchronized (this.monitor) {
			snapshot = new ConfigSnapshot(this.revision, List.copyOf(this.resources.values()));
		}
		respond(exchange, JSON.writerFor(ConfigSnapshot.class).writeValueAsBytes(snapshot));
	}

	private void changes(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		long after = Long.parseLong(query.get(ConfigFeedApi.AFTER_PARAM));
		long waitSeconds = Long.parseLong(query.get(ConfigFeedApi.WAIT_SECONDS_PARAM));
		long hold = Math.min(Duration.ofSeconds(waitSeconds).toMillis(), MAX_HOLD.toMillis());
		ConfigChanges changes;
		synchronized (this.monitor) {
			this.followerRevision = Math.max(this.followerRevision, after);
			long deadline = System.nanoTime() + hold * 1_000_000;
			try {
				long remaining = hold;
				while (this.revision <= after && remaining > 0) {
					this.monitor.wait(remaining);
					remaining = (deadline - System.nanoTime()) / 1_000_000;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			List<ConfigChange> newer = this.history.stream().filter((change) -> change.revision() > after).toList();
			changes = new ConfigChanges(Math.max(this.revision, after), newer);
		}
		respond(exchange, JSON.writerFor(ConfigChanges.class).writeValueAsBytes(changes));
	}

	private static void respond(HttpExchange exchange, byte[] body) throws IOException {
		try (exchange) {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			parameters.put(nameAndValue[0], (nameAndValue.length > 1) ? nameAndValue[1] : "");
		}
		return parameters;
	}

	private static String id(ResourceKind kind, String key) {
		return kind + "/" + key;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
