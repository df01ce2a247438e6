package dev.aloft.router.dispatch;

/**
 * A function qualifier an event is for.
 *
 * @param namespace the namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version number or an alias
 */
record FunctionRef(String namespace, String functionName, String qualifier) {

	/**
	 * The function's key for concurrency limits, {@code namespace/function}; names never
	 * contain a slash.
	 */
	String functionKey() {
		return this.namespace + "/" + this.functionName;
	}

}
