package dev.aloft.contracts.records;

import java.time.Instant;

import dev.aloft.contracts.invoke.InvocationOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What one invocation did and cost: the record every invocation leaves.
 *
 * @param requestId the Lambda request id
 * @param namespace the namespace
 * @param functionName the function
 * @param version the version that ran
 * @param trigger what triggered it: {@code http}, {@code invoke-api}, {@code event}, a
 * source...
 * @param outcome how it ended
 * @param errorType the error type when it did not succeed
 * @param coldStart whether it started a new environment
 * @param initDurationMillis environment initialisation time (cold starts)
 * @param queueWaitMillis time waiting for an environment
 * @param durationMillis time in the function
 * @param billedDurationMillis duration rounded up to the millisecond
 * @param memorySizeMb the configured memory
 * @param maxMemoryUsedMb the environment's peak memory, or -1 when unknown
 * @param startedAt when the invoker accepted it
 * @param endedAt when it ended
 * @param invoker which invoker ran it
 */
public record InvocationRecord(String requestId, String namespace, String functionName, String version, String trigger,
		InvocationOutcome outcome, @Nullable String errorType, boolean coldStart, double initDurationMillis,
		double queueWaitMillis, double durationMillis, long billedDurationMillis, int memorySizeMb,
		long maxMemoryUsedMb, Instant startedAt, Instant endedAt, String invoker) {

}
