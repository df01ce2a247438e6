package dev.aloft.invoker.catalog;

import java.net.http.HttpClient;
import java.util.Optional;
import java.util.function.Consumer;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigFeedFollower.ConfigFeedSettings;
import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.secrets.MasterKey;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The function versions this invoker can run, as last seen on the control plane's
 * configuration feed. Lookups never call the control plane.
 */
@Component
public class Catalog implements SmartLifecycle {

	private final ConfigFeedFollower follower;

	private final ControlPlaneProperties properties;

	private volatile boolean running;

	Catalog(ControlPlaneProperties properties, MasterKey masterKey, HttpClient controlPlaneHttpClient,
			JsonMapper jsonMapper) {
		this.properties = properties;
		this.follower = new ConfigFeedFollower(new ConfigFeedSettings("invoker", properties.url(),
				masterKey.internalToken(), properties.pollWait(), properties.requestTimeout(), properties.retryDelay()),
				controlPlaneHttpClient, jsonMapper);
	}

	/**
	 * Looks up a function version once the view has reached the caller's revision.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param version the version
	 * @param minimumRevision the revision the caller saw, or 0
	 * @return the version, if this invoker knows it
	 * @throws InterruptedException when interrupted while waiting for the view
	 */
	public Optional<FunctionVersionConfig> functionVersion(String namespace, String functionName, String version,
			long minimumRevision) throws InterruptedException {
		// Wait whenever the view is behind the caller, not only when the version is
		// missing: a version the view knows may be a state older than the caller's (its
		// environment variables changed, say).
		if (this.follower.view().revision() < minimumRevision) {
			this.follower.awaitRevision(minimumRevision, this.properties.revisionWait());
		}
		return Optional.ofNullable(this.follower.view().functionVersion(namespace, functionName, version));
	}

	/**
	 * Calls a listener with each new view of the configuration, on the feed follower's
	 * thread; a listener that takes long should hand the work to its own thread.
	 * @param listener the listener
	 */
	public void onUpdate(Consumer<ConfigView> listener) {
		this.follower.onUpdate(listener);
	}

	/**
	 * Whether the first snapshot has loaded.
	 * @return true once the view is usable
	 */
	public boolean loaded() {
		return this.follower.view().revision() >= 0;
	}

	@Override
	public void start() {
		this.follower.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.follower.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
