package dev.aloft.contracts.config;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP route: requests matching {@code method} and {@code path} invoke a function.
 *
 * @param id the route's identifier
 * @param namespace the owning namespace
 * @param method an HTTP method in upper case, or {@code ANY}
 * @param path a path template such as {@code /hello/{name}} or {@code /files/{proxy+}}
 * @param functionName the target function, in the route's namespace
 * @param qualifier the target version or alias; {@code $LATEST} when unqualified
 * @param auth who may call the route
 * @param cors the CORS settings, or null when the gateway adds no CORS headers
 * @param async whether the route hands the event to the event router and answers 202
 * instead of waiting for the function
 */
public record RouteConfig(String id, String namespace, String method, String path, String functionName,
		String qualifier, RouteAuth auth, FunctionUrlConfig.@Nullable Cors cors,
		boolean async) implements ConfigResource {

	/** The method value that matches every HTTP method. */
	public static final String ANY_METHOD = "ANY";

	public RouteConfig {
		// Routes published before routes had auth carry none: they are open.
		auth = Objects.requireNonNullElse(auth, RouteAuth.NONE);
	}

	/**
	 * A synchronous route that anyone may call, without CORS headers.
	 * @param id the route's identifier
	 * @param namespace the owning namespace
	 * @param method an HTTP method in upper case, or {@code ANY}
	 * @param path a path template
	 * @param functionName the target function
	 * @param qualifier the target version or alias
	 */
	public RouteConfig(String id, String namespace, String method, String path, String functionName, String qualifier) {
		this(id, namespace, method, path, functionName, qualifier, RouteAuth.NONE, null, false);
	}

	@Override
	public ResourceKind kind() {
		return ResourceKind.ROUTE;
	}

	@Override
	public String key() {
		return this.id;
	}

}
