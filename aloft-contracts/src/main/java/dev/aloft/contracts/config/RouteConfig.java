package dev.aloft.contracts.config;

/**
 * An HTTP route: requests matching {@code method} and {@code path} invoke a function.
 *
 * @param id the route's identifier
 * @param namespace the owning namespace
 * @param method an HTTP method in upper case, or {@code ANY}
 * @param path a path template such as {@code /hello/{name}} or {@code /files/{proxy+}}
 * @param functionName the target function, in the route's namespace
 * @param qualifier the target version or alias; {@code $LATEST} when unqualified
 */
public record RouteConfig(String id, String namespace, String method, String path, String functionName,
		String qualifier) implements ConfigResource {

	/** The method value that matches every HTTP method. */
	public static final String ANY_METHOD = "ANY";

	@Override
	public ResourceKind kind() {
		return ResourceKind.ROUTE;
	}

	@Override
	public String key() {
		return this.id;
	}

}
