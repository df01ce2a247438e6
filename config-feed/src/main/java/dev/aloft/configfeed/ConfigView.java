package dev.aloft.configfeed;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.aloft.contracts.config.ConfigChange;
import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.config.RouteConfig;
import org.jspecify.annotations.Nullable;

/**
 * An immutable view of the configuration at one revision. Updates produce a new view, so
 * readers on the hot path never lock.
 */
public final class ConfigView {

	/** The view before anything was loaded. */
	public static final ConfigView EMPTY = new ConfigView(-1, Map.of(), Map.of());

	private final long revision;

	private final Map<String, FunctionVersionConfig> functionVersions;

	private final Map<String, RouteConfig> routes;

	private ConfigView(long revision, Map<String, FunctionVersionConfig> functionVersions,
			Map<String, RouteConfig> routes) {
		this.revision = revision;
		this.functionVersions = functionVersions;
		this.routes = routes;
	}

	/**
	 * Builds the view a snapshot describes.
	 * @param snapshot the snapshot
	 * @return the view
	 */
	public static ConfigView of(ConfigSnapshot snapshot) {
		Map<String, FunctionVersionConfig> functionVersions = new HashMap<>();
		Map<String, RouteConfig> routes = new HashMap<>();
		for (ConfigResource resource : snapshot.resources()) {
			put(resource, functionVersions, routes);
		}
		return new ConfigView(snapshot.revision(), Map.copyOf(functionVersions), Map.copyOf(routes));
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
		Map<String, FunctionVersionConfig> functionVersions = new HashMap<>(this.functionVersions);
		Map<String, RouteConfig> routes = new HashMap<>(this.routes);
		for (ConfigChange change : changes.changes()) {
			ConfigResource resource = change.resource();
			if (resource != null) {
				put(resource, functionVersions, routes);
				continue;
			}
			switch (change.kind()) {
				case FUNCTION_VERSION -> functionVersions.remove(change.key());
				case ROUTE -> routes.remove(change.key());
			}
		}
		return new ConfigView(Math.max(this.revision, changes.revision()), Map.copyOf(functionVersions),
				Map.copyOf(routes));
	}

	private static void put(ConfigResource resource, Map<String, FunctionVersionConfig> functionVersions,
			Map<String, RouteConfig> routes) {
		switch (resource) {
			case FunctionVersionConfig functionVersion -> functionVersions.put(functionVersion.key(), functionVersion);
			case RouteConfig route -> routes.put(route.key(), route);
		}
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
		return this.functionVersions.get(FunctionVersionConfig.keyOf(namespace, functionName, version));
	}

	/**
	 * All function versions.
	 * @return the function versions
	 */
	public Collection<FunctionVersionConfig> functionVersions() {
		return this.functionVersions.values();
	}

	/**
	 * All routes.
	 * @return the routes
	 */
	public Collection<RouteConfig> routes() {
		return this.routes.values();
	}

}
