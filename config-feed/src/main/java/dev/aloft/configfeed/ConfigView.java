package dev.aloft.configfeed;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import dev.aloft.contracts.config.AccessKeyConfig;
import dev.aloft.contracts.config.AliasConfig;
import dev.aloft.contracts.config.BucketNotificationConfig;
import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.EventInvokeConfig;
import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.FunctionConcurrencyConfig;
import dev.aloft.contracts.config.FunctionPermissionConfig;
import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.NamespaceConfig;
import dev.aloft.contracts.config.ProvisionedConcurrencyConfig;
import dev.aloft.contracts.config.ResourceKind;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.contracts.config.ScheduleConfig;
import org.jspecify.annotations.Nullable;

/**
 * An immutable view of the configuration at one revision: every resource by kind and key.
 * Updates produce a new view (copying only the kinds that changed), so readers on the hot
 * path never lock.
 */
public final class ConfigView {

	/** The view before anything was loaded. */
	public static final ConfigView EMPTY = new ConfigView(-1, new EnumMap<>(ResourceKind.class));

	private final long revision;

	private final Map<ResourceKind, Map<String, ConfigResource>> resources;

	private ConfigView(long revision, Map<ResourceKind, Map<String, ConfigResource>> resources) {
		this.revision = revision;
		this.resources = resources;
	}

	/**
	 * Builds the view a snapshot describes.
	 * @param snapshot the snapshot
	 * @return the view
	 */
	public static ConfigView of(ConfigSnapshot snapshot) {
		Map<ResourceKind, Map<String, ConfigResource>> building = new EnumMap<>(ResourceKind.class);
		for (ConfigResource resource : snapshot.resources()) {
			building.computeIfAbsent(resource.kind(), (kind) -> new HashMap<>()).put(resource.key(), resource);
		}
		Map<ResourceKind, Map<String, ConfigResource>> frozen = new EnumMap<>(ResourceKind.class);
		building.forEach((kind, byKey) -> frozen.put(kind, Map.copyOf(byKey)));
		return new ConfigView(snapshot.revision(), frozen);
	}

	/**
	 * The view after applying changes.
	 * @param changes changes after this view's revision
	 * @return the new view, or this one when nothing changed
	 */
	public ConfigView apply(ConfigChanges changes) {
		if (changes.changes().isEmpty() && changes.revision() == this.revision) {
			return this;
		}
		Map<ResourceKind, Map<String, ConfigResource>> changed = new EnumMap<>(ResourceKind.class);
		for (ConfigChange change : changes.changes()) {
			Map<String, ConfigResource> byKey = changed.computeIfAbsent(change.kind(),
					(kind) -> new HashMap<>(this.resources.getOrDefault(kind, Map.of())));
			ConfigResource resource = change.resource();
			if (resource != null) {
				byKey.put(change.key(), resource);
			}
			else {
				byKey.remove(change.key());
			}
		}
		Map<ResourceKind, Map<String, ConfigResource>> next = new EnumMap<>(this.resources);
		changed.forEach((kind, byKey) -> next.put(kind, Map.copyOf(byKey)));
		return new ConfigView(Math.max(this.revision, changes.revision()), next);
	}

	/**
	 * The revision this view reflects; -1 before the first snapshot.
	 * @return the revision
	 */
	public long revision() {
		return this.revision;
	}

	/**
	 * Looks up one function version.
	 * @param namespace the namespace
	 * @param functionName the function name
	 * @param version {@code $LATEST} or a version number
	 * @return the version, or null when there is none
	 */
	public @Nullable FunctionVersionConfig functionVersion(String namespace, String functionName, String version) {
		return find(ResourceKind.FUNCTION_VERSION, FunctionVersionConfig.keyOf(namespace, functionName, version),
				FunctionVersionConfig.class);
	}

	/**
	 * All function versions.
	 * @return the function versions
	 */
	public Collection<FunctionVersionConfig> functionVersions() {
		return all(ResourceKind.FUNCTION_VERSION, FunctionVersionConfig.class);
	}

	/**
	 * All routes.
	 * @return the routes
	 */
	public Collection<RouteConfig> routes() {
		return all(ResourceKind.ROUTE, RouteConfig.class);
	}

	/**
	 * Looks up an alias.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param name the alias
	 * @return the alias, or null when there is none
	 */
	public @Nullable AliasConfig alias(String namespace, String functionName, String name) {
		return find(ResourceKind.ALIAS, AliasConfig.keyOf(namespace, functionName, name), AliasConfig.class);
	}

	/**
	 * Looks up the asynchronous-invocation settings of a function qualifier.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier {@code $LATEST}, a version or an alias
	 * @return the settings, or null when Lambda's defaults apply
	 */
	public @Nullable EventInvokeConfig eventInvokeConfig(String namespace, String functionName, String qualifier) {
		return find(ResourceKind.EVENT_INVOKE_CONFIG, EventInvokeConfig.keyOf(namespace, functionName, qualifier),
				EventInvokeConfig.class);
	}

	/**
	 * Looks up a function's reserved concurrency.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @return the reservation, or null when the function has none
	 */
	public @Nullable FunctionConcurrencyConfig concurrency(String namespace, String functionName) {
		return find(ResourceKind.FUNCTION_CONCURRENCY, FunctionConcurrencyConfig.keyOf(namespace, functionName),
				FunctionConcurrencyConfig.class);
	}

	/**
	 * All event-source mappings.
	 * @return the mappings
	 */
	public Collection<EventSourceMappingConfig> eventSourceMappings() {
		return all(ResourceKind.EVENT_SOURCE_MAPPING, EventSourceMappingConfig.class);
	}

	/**
	 * All schedules.
	 * @return the schedules
	 */
	public Collection<ScheduleConfig> schedules() {
		return all(ResourceKind.SCHEDULE, ScheduleConfig.class);
	}

	/**
	 * All bucket notifications.
	 * @return the notifications
	 */
	public Collection<BucketNotificationConfig> bucketNotifications() {
		return all(ResourceKind.BUCKET_NOTIFICATION, BucketNotificationConfig.class);
	}

	/**
	 * All provisioned concurrency configurations.
	 * @return the configurations
	 */
	public Collection<ProvisionedConcurrencyConfig> provisionedConcurrency() {
		return all(ResourceKind.PROVISIONED_CONCURRENCY, ProvisionedConcurrencyConfig.class);
	}

	/**
	 * All function URLs.
	 * @return the URLs
	 */
	public Collection<FunctionUrlConfig> functionUrls() {
		return all(ResourceKind.FUNCTION_URL, FunctionUrlConfig.class);
	}

	/**
	 * Looks up a namespace.
	 * @param name the namespace
	 * @return the namespace, or null when there is none
	 */
	public @Nullable NamespaceConfig namespace(String name) {
		return find(ResourceKind.NAMESPACE, name, NamespaceConfig.class);
	}

	/**
	 * All namespaces.
	 * @return the namespaces
	 */
	public Collection<NamespaceConfig> namespaces() {
		return all(ResourceKind.NAMESPACE, NamespaceConfig.class);
	}

	/**
	 * Looks up an access key.
	 * @param accessKeyId the key id
	 * @return the key, or null when there is none
	 */
	public @Nullable AccessKeyConfig accessKey(String accessKeyId) {
		return find(ResourceKind.ACCESS_KEY, accessKeyId, AccessKeyConfig.class);
	}

	/**
	 * Whether a key holds a statement of a function's resource policy that lets it invoke
	 * the function at a qualifier.
	 * @param accessKeyId the key
	 * @param namespace the function's namespace
	 * @param functionName the function
	 * @param qualifier the qualifier invoked ({@code $LATEST} when none was named)
	 * @return whether it does
	 */
	public boolean invokePermitted(String accessKeyId, String namespace, String functionName, String qualifier) {
		// Grants are few next to invocations and are consulted only for keys without a
		// role
		// that allows invoking, so a scan beats keeping a second index in every view.
		return all(ResourceKind.FUNCTION_PERMISSION, FunctionPermissionConfig.class).stream()
			.anyMatch((permission) -> permission.allows(accessKeyId, namespace, functionName, qualifier));
	}

	private <T extends ConfigResource> @Nullable T find(ResourceKind kind, String key, Class<T> type) {
		ConfigResource resource = this.resources.getOrDefault(kind, Map.of()).get(key);
		return (resource != null) ? type.cast(resource) : null;
	}

	@SuppressWarnings("unchecked")
	private <T extends ConfigResource> Collection<T> all(ResourceKind kind, Class<T> type) {
		return (Collection<T>) this.resources.getOrDefault(kind, Map.of()).values();
	}

}
