package dev.aloft.controlplane.lambdaapi;

import org.jspecify.annotations.Nullable;

/**
 * The function a Lambda API call names, resolved to its namespace.
 *
 * @param namespace the namespace the function lives in
 * @param accountId the namespace's account id, as ARNs carry it
 * @param region the region ARNs name
 * @param name the function's name
 * @param qualifier the qualifier the name carried ({@code my-fn:alias}), or null
 */
record FunctionRef(String namespace, String accountId, String region, String name, @Nullable String qualifier) {

	/**
	 * The unqualified ARN.
	 * @return {@code arn:aws:lambda:<region>:<account>:function:<name>}
	 */
	String arn() {
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + this.name;
	}

	/**
	 * The ARN with a qualifier.
	 * @param qualifier a version, an alias or {@code $LATEST}; null for none
	 * @return the ARN
	 */
	String arn(@Nullable String qualifier) {
		return (qualifier != null) ? arn() + ":" + qualifier : arn();
	}

	/**
	 * The qualifier a call means: the query parameter, else the one in the name.
	 * @param query the {@code Qualifier} query parameter, or null
	 * @return the qualifier, or null for none
	 * @throws LambdaException when both are given and differ
	 */
	@Nullable String qualifier(@Nullable String query) {
		if (query == null || query.isEmpty()) {
			return this.qualifier;
		}
		if (this.qualifier != null && !this.qualifier.equals(query)) {
			throw LambdaException.invalidParameter(
					"The derived qualifier from the function name does not match " + "the specified qualifier.");
		}
		return query;
	}

	/**
	 * Refuses a qualifier in the name, for operations on the function as a whole.
	 * @return this
	 */
	FunctionRef unqualified() {
		if (this.qualifier != null) {
			throw LambdaException.invalidParameter(
					"Unsupported qualifier in function name: " + this.qualifier + "; name the function without one");
		}
		return this;
	}

}
