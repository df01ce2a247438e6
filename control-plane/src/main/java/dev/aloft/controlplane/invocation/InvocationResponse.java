package dev.aloft.controlplane.invocation;

import java.time.Instant;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.contracts.records.InvocationRecord;
import org.jspecify.annotations.Nullable;

/**
 * What one invocation did and cost.
 *
 * @param requestId the request id
 * @param namespace the namespace
 * @param functionName the function
 * @param version the version that ran
 * @param trigger what triggered it ({@code http}, {@code invoke-api}, {@code event}, an
 * event source...)
 * @param outcome how it ended
 * @param errorType the error type when it did not succeed
 * @param coldStart whether it started a new environment
 * @param initDurationMillis environment initialisation time (cold starts)
 * @param queueWaitMillis time waiting for an environment
 * @param durationMillis time in the function
 * @param billedDurationMillis duration rounded up to the millisecond
 * @param memorySizeMb the configured memory
 * @param maxMemoryUsedMb the environment's peak memory, or null when unknown
 * @param billedGbSeconds billed duration times memory
 * @param startedAt when the invoker accepted it
 * @param endedAt when it ended
 * @param invoker which invoker ran it
 */
record InvocationResponse(String requestId, String namespace, String functionName, String version, String trigger,
		InvocationOutcome outcome, @Nullable String errorType, boolean coldStart, double initDurationMillis,
		double queueWaitMillis, double durationMillis, long billedDurationMillis, int memorySizeMb,
		@Nullable Long maxMemoryUsedMb, double billedGbSeconds, Instant startedAt, Instant endedAt, String invoker) {

	static InvocationResponse from(InvocationRecord record) {
		return new InvocationResponse(record.requestId(), record.namespace(), record.functionName(), record.version(),
				record.trigger(), record.outcome(), record.errorType(), record.coldStart(), record.initDurationMillis(),
				record.queueWaitMillis(), record.durationMillis(), record.billedDurationMillis(), record.memorySizeMb(),
				(record.maxMemoryUsedMb() >= 0) ? record.maxMemoryUsedMb() : null,
				(record.billedDurationMillis() / 1000.0) * (record.memorySizeMb() / 1024.0), record.startedAt(),
				record.endedAt(), record.invoker());
	}

}
