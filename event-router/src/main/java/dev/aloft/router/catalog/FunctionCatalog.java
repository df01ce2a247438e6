package dev.aloft.router.catalog;

import java.time.Duration;
import java.util.Collection;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import dev.aloft.contracts.config.ScheduleConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Functions as the router knows them, from the latest view of the configuration feed.
 * <p>
 * A qualifier is {@code $LATEST}, a published version number or an alias; an alias with
 * an additional version sends that share of invocations there, as Lambda's weighted
 * aliases do. Asynchronous-invocation settings are looked up for the exact qualifier
 * invoked, as Lambda does: settings put on the unqualified function apply to
 * {@code $LATEST} only, and a qualifier without settings gets Lambda's defaults.
 * <p>
 * The triggers the router runs (schedules, bucket notifications, event-source mappings)
 * are read from the same view; {@link #onUpdate(Runnable)} tells their owners when it
 * changes.
 */
@Component
public class FunctionCatalog {

	private final ConfigFeedFollower follower;

	private final Duration revisionWait;

	FunctionCatalog(ConfigFeedFollower follower, ControlPlaneProperties properties) {
		this.follower = follower;
		this.revisionWait = properties.revisionWait();
	}

	/**
	 * The revision of the current view; -1 until the first snapshot is loaded.
	 * @return the revision
	 */
	public long revision() {
		return this.follower.view().revision();
	}

	/**
	 * Waits, for a short configured while at most, until the view reaches a revision.
	 * @param revision the revision a caller resolved something at
	 * @return whether the view reached it
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitRevision(long revision) throws InterruptedException {
		return this.follower.awaitRevision(revision, this.revisionWait);
	}

	/**
	 * Whether a function qualifier exists: {@code $LATEST}, a published version or an
	 * alias of an existing function.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier the qualifier
	 * @return true when it exists in the current view
	 */
	public boolean exists(String namespace, String functionName, String qualifier) {
		ConfigView view = this.follower.view();
		if (view.functionVersion(namespace, functionName, FunctionVersionConfig.LATEST) == null) {
			return false;
		}
		return view.functionVersion(namespace, functionName, qualifier) != null
				|| view.alias(namespace, functionName, qualifier) != null;
	}

	/**
	 * Picks the version to run for a qualifier.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier {@code $LATEST}, a version number or an alias
	 * @return the version and the revision it was picked at, or null when the qualifier
	 * (or the version an alias points at) does not exist
	 */
	public @Nullable Resolution resolve(String namespace, String functionName, String qualifier) {
		ConfigView view = this.follower.view();
		FunctionVersionConfig version = resolve(view, namespace, functionName, qualifier, ThreadLocalRandom.current());
		return (version != null) ? new Resolution(version, view.revision()) : null;
	}

	/**
	 * The asynchronous-invocation settings of a qualifier, or Lambda's defaults (2
	 * retries, 6 hours, no destinations) when it has none.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier the qualifier invoked
	 * @return the settings
	 */
	public EventInvokeConfig eventInvokeConfig(String namespace, String functionName, String qualifier) {
		return eventInvokeConfig(this.follower.view(), namespace, functionName, qualifier);
	}

	/**
	 * A function's reserved concurrency.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @return the reservation, or empty when the function has none
	 */
	public OptionalInt reservedConcurrency(String namespace, String functionName) {
		FunctionConcurrencyConfig concurrency = this.follower.view().concurrency(namespace, functionName);
		return (concurrency != null) ? OptionalInt.of(concurrency.reservedConcurrency()) : OptionalInt.empty();
	}

	/**
	 * The account id a namespace's ARNs carry.
	 * @param namespace the namespace
	 * @param fallback the id to use when the namespace is not in the view
	 * @return the 12-digit account id
	 */
	public String accountId(String namespace, String fallback) {
		NamespaceConfig config = this.follower.view().namespace(namespace);
		return (config != null) ? config.accountId() : fallback;
	}

	/**
	 * Every schedule, enabled or not.
	 * @return the schedules
	 */
	public Collection<ScheduleConfig> schedules() {
		return this.follower.view().schedules();
	}

	/**
	 * Every bucket notification.
	 * @return the notifications
	 */
	public Collection<BucketNotificationConfig> bucketNotifications() {
		return this.follower.view().bucketNotifications();
	}

	/**
	 * Every event-source mapping, enabled or not.
	 * @return the mappings
	 */
	public Collection<EventSourceMappingConfig> eventSourceMappings() {
		return this.follower.view().eventSourceMappings();
	}

	/**
	 * Registers a listener called, on the feed's thread, each time the view changes. It
	 * must be quick: hand work to another thread.
	 * @param listener the listener
	 */
	public void onUpdate(Runnable listener) {
		this.follower.onUpdate((view) -> listener.run());
	}

	static @Nullable FunctionVersionConfig resolve(ConfigView view, String namespace, String functionName,
			String qualifier, RandomGenerator random) {
		FunctionVersionConfig version = view.functionVersion(namespace, functionName, qualifier);
		if (version != null) {
			return version;
		}
		AliasConfig alias = view.alias(namespace, functionName, qualifier);
		if (alias == null) {
			return null;
		}
		String picked = alias.functionVersion();
		if (alias.additionalVersion() != null && random.nextDouble() < alias.additionalVersionWeight()) {
			picked = alias.additionalVersion();
		}
		return view.functionVersion(namespace, functionName, picked);
	}

	static EventInvokeConfig eventInvokeConfig(ConfigView view, String namespace, String functionName,
			String qualifier) {
		EventInvokeConfig config = view.eventInvokeConfig(namespace, functionName, qualifier);
		if (config != null) {
			return config;
		}
		return new EventInvokeConfig(namespace, functionName, qualifier,
				EventInvokeConfig.DEFAULT_MAXIMUM_RETRY_ATTEMPTS, EventInvokeConfig.DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
				null, null);
	}

}
