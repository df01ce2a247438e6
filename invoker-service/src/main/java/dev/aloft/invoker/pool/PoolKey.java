package dev.aloft.invoker.pool;

import dev.aloft.contracts.config.FunctionVersionConfig;

/**
 * Identifies interchangeable environments: the same content of the same function version,
 * with the same memory size. A change to {@code $LATEST} gives it a new revision and so a
 * new key: old environments are never reused for new code.
 *
 * @param versionId {@code namespace/function:version@revisionId}
 * @param memoryMb the memory size
 */
public record PoolKey(String versionId, int memoryMb) {

	static PoolKey of(FunctionVersionConfig function) {
		return new PoolKey(function.key() + "@" + function.revisionId(), function.memoryMb());
	}

}
