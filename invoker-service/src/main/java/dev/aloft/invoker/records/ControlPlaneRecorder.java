package dev.aloft.invoker.records;

import java.time.Clock;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.invoker.pool.InvocationMetrics;
import dev.aloft.invoker.pool.InvocationRecorder;
import dev.aloft.invoker.pool.InvocationResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the pool reports into the control plane's records: each line a
 * {@link FunctionLogLine}, each ended invocation an {@link InvocationRecord}, both into
 * the {@link RecordBuffer}. Never blocks and never throws into the pool. Values the
 * control plane would refuse are cut to fit (a trigger, an error type) rather than make a
 * whole batch fail; an invocation whose request id cannot be stored is not recorded.
 */
final class ControlPlaneRecorder implements InvocationRecorder {

	private static final Logger logger = LoggerFactory.getLogger(ControlPlaneRecorder.class);

	/** The control plane's limits on a record's free-text fields. */
	static final int MAX_REQUEST_ID_LENGTH = 128;

	static final int MAX_TRIGGER_LENGTH = 64;

	static final int MAX_ERROR_TYPE_LENGTH = 256;

	static final int MAX_INVOKER_LENGTH = 256;

	private final RecordBuffer buffer;

	private final RecordDrops drops;

	private final String invoker;

	private final int maxLineLength;

	private final Clock clock;

	ControlPlaneRecorder(RecordBuffer buffer, RecordDrops drops, String invoker, int maxLineLength, Clock clock) {
		this.buffer = buffer;
		this.drops = drops;
		this.invoker = cut(invoker, MAX_INVOKER_LENGTH);
		this.maxLineLength = maxLineLength;
		this.clock = clock;
	}

	@Override
	public void logLine(RecordedInvocation invocation, String stream, String line) {
		try {
			if (!storable(invocation.requestId())) {
				this.drops.dropped(RecordDrops.LINE, RecordDrops.INVALID, 1);
				return;
			}
			FunctionVersionConfig function = invocation.function();
			this.buffer.add(new FunctionLogLine(invocation.requestId(), function.namespace(), function.functionName(),
					function.version(), this.clock.instant(), stream, LogLines.cut(line, this.maxLineLength)));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record a log line of {}: {}", invocation.requestId(), ex.toString());
		}
	}

	@Override
	public void completed(RecordedInvocation invocation, InvocationResult result) {
		try {
			if (!storable(invocation.requestId())) {
				this.drops.dropped(RecordDrops.RECORD, RecordDrops.INVALID, 1);
				return;
			}
			this.buffer.add(record(invocation, result));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record invocation {}: {}", invocation.requestId(), ex.toString());
		}
	}

	private InvocationRecord record(RecordedInvocation invocation, InvocationResult result) {
		FunctionVersionConfig function = invocation.function();
		InvocationMetrics metrics = result.metrics();
		String trigger = invocation.trigger().isBlank() ? "unknown" : cut(invocation.trigger(), MAX_TRIGGER_LENGTH);
		String errorType = result.errorType();
		return new InvocationRecord(invocation.requestId(), function.namespace(), function.functionName(),
				result.executedVersion(), trigger, result.outcome(),
				(errorType != null) ? cut(errorType, MAX_ERROR_TYPE_LENGTH) : null, metrics.coldStart(),
				metrics.initDurationMillis(), metrics.queueWaitMillis(), metrics.durationMillis(),
				metrics.billedDurationMillis(), metrics.memorySizeMb(), metrics.maxMemoryUsedMb(),
				invocation.acceptedAt(), this.clock.instant(), this.invoker);
	}

	private static boolean storable(@Nullable String requestId) {
		return requestId != null && !requestId.isBlank() && requestId.length() <= MAX_REQUEST_ID_LENGTH;
	}

	private static String cut(String value, int maxLength) {
		return (value.length() <= maxLength) ? value : value.substring(0, maxLength);
	}

}
