package dev.aloft.contracts.config;

import org.jspecify.annotations.Nullable;

/**
 * A statement of a function's resource policy: one access key may invoke the function
 * (any qualifier, or only one), whatever its roles in the function's namespace. The
 * gateway honours it on the Invoke API and on {@code AWS_IAM} routes and function URLs.
 *
 * @param namespace the function's namespace
 * @param functionName the function
 * @param statementId the statement's id, unique within the function
 * @param accessKeyId the key that may invoke
 * @param qualifier the only qualifier it may invoke ({@code $LATEST}, a version or an
 * alias), or null for every qualifier
 */
public record FunctionPermissionConfig(String namespace, String functionName, String statementId, String accessKeyId,
		@Nullable String qualifier) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.FUNCTION_PERMISSION;
	}

	@Override
	public String key() {
		return keyOf(this.namespace, this.functionName, this.statementId);
	}

	/**
	 * Whether this statement lets a key invoke a function at a qualifier.
	 * @param accessKeyId the key
	 * @param namespace the function's namespace
	 * @param functionName the function
	 * @param qualifier the qualifier invoked ({@code $LATEST} when none was named)
	 * @return whether it does
	 */
	public boolean allows(String accessKeyId, String namespace, String functionName, String qualifier) {
		return this.accessKeyId.equals(accessKeyId) && this.namespace.equals(namespace)
				&& this.functionName.equals(functionName)
				&& (this.qualifier == null || this.qualifier.equals(qualifier));
	}

	/**
	 * The feed key of a statement.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param statementId the statement id
	 * @return the key, {@code namespace/function/statementId}
	 */
	public static String keyOf(String namespace, String functionName, String statementId) {
		return namespace + "/" + functionName + "/" + statementId;
	}

}
