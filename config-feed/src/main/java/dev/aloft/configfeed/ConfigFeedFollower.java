package dev.aloft.configfeed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigFeedApi;
import dev.aloft.contracts.config.ConfigSnapshot;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the control plane's configuration feed on a background thread and keeps the
 * latest {@link ConfigView}. When the control plane is unreachable it keeps the last view
 * and retries; when told its revision is too old ({@code 410 Gone}) it starts again from
 * a snapshot.
 */
public final class ConfigFeedFollower implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ConfigFeedFollower.class);

	private final ConfigFeedSettings settings;

	private final String followerId;

	private final HttpClient httpClient;

	private final JsonMapper jsonMapper;

	private final List<Consumer<ConfigView>> listeners = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private volatile ConfigView view = ConfigView.EMPTY;

	private volatile boolean running;

	private @Nullable Thread thread;

	/**
	 * Creates a follower; call {@link #start()} to begin following.
	 * @param settings where the feed is and how to follow it
	 * @param httpClient the client to use
	 * @param jsonMapper the mapper to read feed documents with
	 */
	public ConfigFeedFollower(ConfigFeedSettings settings, HttpClient httpClient, JsonMapper jsonMapper) {
		this.settings = settings;
		this.followerId = settings.followerName() + "-" + UUID.randomUUID();
		this.httpClient = httpClient;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Registers a listener called with each new view, on the follower's thread, after the
	 * view is visible through {@link #view()}.
	 * @param listener the listener
	 */
	public void onUpdate(Consumer<ConfigView> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Starts following on a background thread.
	 */
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.running = true;
		this.thread = Thread.ofVirtual().name("config-feed-follower").start(this::follow);
	}

	/**
	 * The latest view; {@link ConfigView#EMPTY} until the first snapshot loads.
	 * @return the view
	 */
	public ConfigView view() {
		return this.view;
	}

	/**
	 * Waits until the view reaches a revision.
	 * @param revision the revision to wait for
	 * @param timeout how long to wait at most
	 * @return whether the view reached it
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
		if (this.view.revision() >= revision) {
			return true;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.view.revision() < revision) {
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (remainingMillis <= 0) {
					return false;
				}
				this.monitor.wait(remainingMillis);
			}
			return true;
		}
	}

	@Override
	public void close() {
		Thread thread;
		synchronized (this) {
			this.running = false;
			thread = this.thread;
			this.thread = null;
		}
		if (thread != null) {
			thread.interrupt();
		}
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	private void follow() {
		boolean failing = false;
		while (this.running) {
			try {
				if (this.view.revision() < 0) {
					update(ConfigView.of(fetchSnapshot()));
					logger.info("Loaded configuration snapshot at revision {}", this.view.revision());
				}
				else {
					ConfigChanges changes = fetchChanges(this.view.revision());
					if (changes == null) {
						logger.info("Configuration revision {} is no longer retained; reloading the snapshot",
								this.view.revision());
						update(ConfigView.of(fetchSnapshot()));
					}
					else {
						update(this.view.apply(changes));
					}
				}
				if (failing) {
					logger.info("Configuration feed reachable again at revision {}", this.view.revision());
					failing = false;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (IOException | JacksonException | FeedException ex) {
				if (!failing) {
					logger.warn("Configuration feed unavailable, serving revision {}: {}", this.view.revision(),
							ex.toString());
					failing = true;
				}
				pauseBeforeRetry();
			}
		}
	}

	private void update(ConfigView next) {
		if (next == this.view) {
			return;
		}
		synchronized (this.monitor) {
			this.view = next;
			this.monitor.notifyAll();
		}
		for (Consumer<ConfigView> listener : this.listeners) {
			try {
				listener.accept(next);
			}
			catch (RuntimeException ex) {
				logger.error("Configuration listener failed at revision {}", next.revision(), ex);
			}
		}
	}

	private ConfigSnapshot fetchSnapshot() throws IOException, InterruptedException {
		HttpResponse<byte[]> response = send(ConfigFeedApi.SNAPSHOT_PATH, this.settings.requestTimeout());
		if (response.statusCode() != 200) {
			throw new FeedException("snapshot answered " + response.statusCode());
		}
		return this.jsonMapper.readValue(response.body(), ConfigSnapshot.class);
	}

	private @Nullable ConfigChanges fetchChanges(long after) throws IOException, InterruptedException {
		long waitSeconds = this.settings.pollWait().toSeconds();
		String path = ConfigFeedApi.CHANGES_PATH + "?" + ConfigFeedApi.AFTER_PARAM + "=" + after + "&"
				+ ConfigFeedApi.WAIT_SECONDS_PARAM + "=" + waitSeconds + "&" + ConfigFeedApi.FOLLOWER_PARAM + "="
				+ this.followerId;
		HttpResponse<byte[]> response = send(path, this.settings.requestTimeout().plus(this.settings.pollWait()));
		if (response.statusCode() == 410) {
			return null;
		}
		if (response.statusCode() != 200) {
			throw new FeedException("changes answered " + response.statusCode());
		}
		return this.jsonMapper.readValue(response.body(), ConfigChanges.class);
	}

	private HttpResponse<byte[]> send(String path, Duration timeout) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.settings.controlPlaneUri().resolve(path))
			.timeout(timeout)
			.header("Accept", "application/json")
			.GET();
		String token = this.settings.internalToken();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private void pauseBeforeRetry() {
		synchronized (this.monitor) {
			if (!this.running) {
				return;
			}
			try {
				this.monitor.wait(this.settings.retryDelay().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Where the feed is and how to follow it.
	 *
	 * @param followerName what follows (e.g. {@code gateway}); with a random suffix, the
	 * follower's identity on the feed
	 * @param controlPlaneUri the control plane's base URI
	 * @param internalToken the bearer token for internal endpoints, if any
	 * @param pollWait how long the control plane may hold a long-poll open
	 * @param requestTimeout how long any other feed request may take
	 * @param retryDelay how long to wait after a failure before trying again
	 */
	public record ConfigFeedSettings(String followerName, URI controlPlaneUri, @Nullable String internalToken,
			Duration pollWait, Duration requestTimeout, Duration retryDelay) {
	}

	private static final class FeedException extends RuntimeException {

		FeedException(String message) {
			super(message);
		}

	}

}
