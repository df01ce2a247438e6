package dev.aloft.invoker.pool;

import java.time.Instant;
import java.util.List;

import dev.aloft.contracts.config.FunctionVersionConfig;

/**
 * Hears of every line an invocation's environment writes and of every invocation that
 * ends, to keep records and logs. Called on the pool's threads: implementations must not
 * block.
 */
public interface InvocationRecorder {

	/** A recorder that keeps nothing. */
	InvocationRecorder NONE = new InvocationRecorder() {

		@Override
		public void logLine(RecordedInvocation invocation, String stream, String line) {
		}

		@Override
		public void completed(RecordedInvocation invocation, InvocationResult result) {
		}

	};

	/**
	 * One recorder that passes everything to each of several, in order.
	 * @param recorders the recorders
	 * @return the combined recorder
	 */
	static InvocationRecorder all(List<InvocationRecorder> recorders) {
		if (recorders.isEmpty()) {
			return NONE;
		}
		if (recorders.size() == 1) {
			return recorders.getFirst();
		}
		return new InvocationRecorder() {

			@Override
			public void logLine(RecordedInvocation invocation, String stream, String line) {
				recorders.forEach((recorder) -> recorder.logLine(invocation, stream, line));
			}

			@Override
			public void completed(RecordedInvocation invocation, InvocationResult result) {
				recorders.forEach((recorder) -> recorder.completed(invocation, result));
			}

		};
	}

	/**
	 * A line written during an invocation.
	 * @param invocation the invocation
	 * @param stream {@code stdout}, {@code stderr} or {@code platform} (START, END,
	 * REPORT)
	 * @param line the line, without its terminator
	 */
	void logLine(RecordedInvocation invocation, String stream, String line);

	/**
	 * An invocation ended, however it ended.
	 * @param invocation the invocation
	 * @param result how it ended and what it cost
	 */
	void completed(RecordedInvocation invocation, InvocationResult result);

	/**
	 * Which invocation a record is about.
	 *
	 * @param requestId the request id
	 * @param function the version it ran (or was to run)
	 * @param trigger what triggered it
	 * @param acceptedAt when the invoker accepted it
	 */
	record RecordedInvocation(String requestId, FunctionVersionConfig function, String trigger, Instant acceptedAt) {
	}

}
