package dev.aloft.invoker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aloft.contracts.code.CodeApi;
import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigFeedApi;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.ResourceKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The control plane as an invoker sees it, on the JDK's HTTP server: the configuration
 * feed (snapshot and changes long-poll) and code downloads by SHA-256. Functions added
 * while the invoker runs bump the revision and wake its long-poll.
 */
public final class FakeControlPlane implements AutoCloseable {

	private static final Pattern AFTER = Pattern.compile("(?:^|&)" + ConfigFeedApi.AFTER_PARAM + "=(\\d+)");

	private static final Pattern WAIT_SECONDS = Pattern
		.compile("(?:^|&)" + ConfigFeedApi.WAIT_SECONDS_PARAM + "=(\\d+)");

	private static final String CODE_PREFIX = CodeApi.CODE_PATH.replace("{sha256}", "");

	private final HttpServer server;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Object monitor = new Object();

	/**
	 * Resources by kind and key, each with the revision it last changed at; a removed one
	 * stays as a tombstone (null resource) so the changes feed can report it.
	 */
	private final Map<String, Versioned> resources = new LinkedHashMap<>();

	private final Map<String, byte[]> code = new ConcurrentHashMap<>();

	private final Map<String, Integer> codeDownloads = new ConcurrentHashMap<>();

	private long revision = 1;

	private FakeControlPlane(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a control plane on a free loopback port.
	 * @return the running control plane
	 */
	public static FakeControlPlane start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeControlPlane controlPlane = new FakeControlPlane(server);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext(ConfigFeedApi.SNAPSHOT_PATH, controlPlane::snapshot);
			server.createContext(ConfigFeedApi.CHANGES_PATH, controlPlane::changes);
			server.createContext(CODE_PREFIX, controlPlane::code);
			server.start();
			return controlPlane;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The base URL, as {@code aloft.invoker.control-plane.url} takes it.
	 * @return the URL
	 */
	public URI url() {
		return URI
			.create("http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort());
	}

	/**
	 * The current revision of the feed.
	 * @return the revision
	 */
	public long revision() {
		synchronized (this.monitor) {
			return this.revision;
		}
	}

	/**
	 * Publishes a function version (or a new state of it) with its code.
	 * @param function the version
	 * @param zip its code; must hash to {@code function.codeSha256()}
	 * @return the revision at which it is visible
	 */
	public long put(FunctionVersionConfig function, byte[] zip) {
		if (!sha256(zip).equals(function.codeSha256())) {
			throw new IllegalArgumentException("The code does not hash to " + function.codeSha256());
		}
		this.code.put(function.codeSha256(), zip);
		return put(function);
	}

	/**
	 * Publishes a resource (or a new state of it) of any kind.
	 * @param resource the resource
	 * @return the revision at which it is visible
	 */
	public long put(ConfigResource resource) {
		return change(resource.kind(), resource.key(), resource);
	}

	/**
	 * Removes a resource.
	 * @param kind its kind
	 * @param key its key
	 * @return the revision at which it is gone
	 */
	public long remove(ResourceKind kind, String key) {
		return change(kind, key, null);
	}

	private long change(ResourceKind kind, String key, @Nullable ConfigResource resource) {
		synchronized (this.monitor) {
			this.revision++;
			this.resources.put(kind + "/" + key, new Versioned(this.revision, kind, key, resource));
			this.monitor.notifyAll();
			return this.revision;
		}
	}

	/**
	 * How many times the code of an artifact was downloaded.
	 * @param sha256 the artifact
	 * @return the number of downloads
	 */
	public int codeDownloads(String sha256) {
		return this.codeDownloads.getOrDefault(sha256, 0);
	}

	private void snapshot(HttpExchange exchange) throws IOException {
		ConfigSnapshot snapshot;
		synchronized (this.monitor) {
			List<ConfigResource> resources = new ArrayList<>();
			for (Versioned versioned : this.resources.values()) {
				if (versioned.resource() != null) {
					resources.add(versioned.resource());
				}
			}
			snapshot = new ConfigSnapshot(this.revision, resources);
		}
		respond(exchange, 200, "application/json",
				this.json.writerFor(ConfigSnapshot.class).writeValueAsBytes(snapshot));
	}

	private void changes(HttpExchange exchange) throws IOException {
		String query = String.valueOf(exchange.getRequestURI().getRawQuery());
		long after = Long.parseLong(param(AFTER, query, "0"));
		long waitMillis = Math.min(Long.parseLong(param(WAIT_SECONDS, query, "0")), 5) * 1000;
		ConfigChanges changes;
		synchronized (this.monitor) {
			long deadline = System.currentTimeMillis() + waitMillis;
			try {
				while (this.revision <= after && System.currentTimeMillis() < deadline) {
					this.monitor.wait(Math.max(1, deadline - System.currentTimeMillis()));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			List<ConfigChange> changed = new ArrayList<>();
			for (Versioned versioned : this.resources.values()) {
				if (versioned.revision() > after) {
					changed.add(new ConfigChange(versioned.revision(), versioned.kind(), versioned.key(),
							versioned.resource()));
				}
			}
			changed.sort((a, b) -> Long.compare(a.revision(), b.revision()));
			changes = new ConfigChanges(Math.max(after, this.revision), changed);
		}
		respond(exchange, 200, "application/json", this.json.writerFor(ConfigChanges.class).writeValueAsBytes(changes));
	}

	private void code(HttpExchange exchange) throws IOException {
		String sha256 = exchange.getRequestURI().getPath().substring(CODE_PREFIX.length());
		byte[] zip = this.code.get(sha256);
		if (zip == null) {
			respond(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
			return;
		}
		this.codeDownloads.merge(sha256, 1, Integer::sum);
		respond(exchange, 200, "application/zip", zip);
	}

	private static String param(Pattern pattern, String query, String fallback) {
		Matcher matcher = pattern.matcher(query);
		return matcher.find() ? matcher.group(1) : fallback;
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * The hex SHA-256 of some bytes.
	 * @param bytes the bytes
	 * @return the hash
	 */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Versioned(long revision, ResourceKind kind, String key, @Nullable ConfigResource resource) {
	}

}
