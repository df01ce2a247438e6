package dev.aloft.invoker.pool;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvocationOutcome;
import org.jspecify.annotations.Nullable;

/**
 * An invocation in flight: queued, then held by one environment until it ends. Its
 * hand-over fields are written under the owning pool's lock.
 */
final class Invocation {

	/** The stream name of lines the platform writes. */
	static final String PLATFORM = "platform";

	private final InvocationRequest request;

	private final FunctionVersionConfig function;

	private final long acceptedNanos;

	private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

	private final LogTail log = new LogTail();

	private long startedNanos;

	private long deadlineEpochMillis;

	private boolean coldStart;

	private double initDurationMillis;

	private final InvocationRecorder recorder;

	private final InvocationRecorder.RecordedInvocation recorded;

	Invocation(InvocationRequest request, FunctionVersionConfig function, long acceptedNanos,
			InvocationRecorder recorder) {
		this.request = request;
		this.function = function;
		this.acceptedNanos = acceptedNanos;
		this.recorder = recorder;
		this.recorded = new InvocationRecorder.RecordedInvocation(request.requestId(), function, request.trigger(),
				Instant.now());
	}

	String requestId() {
		return this.request.requestId();
	}

	FunctionVersionConfig function() {
		return this.function;
	}

	CompletableFuture<InvocationResult> result() {
		return this.result;
	}

	/**
	 * A line the runtime wrote during this invocation.
	 */
	void log(String stream, String line) {
		this.log.add(line);
		this.recorder.logLine(this.recorded, stream, line);
	}

	/**
	 * A line the platform writes about this invocation (START, END, REPORT).
	 */
	void log(String line) {
		log(PLATFORM, line);
	}

	boolean started() {
		return this.startedNanos != 0;
	}

	long deadlineEpochMillis() {
		return this.deadlineEpochMillis;
	}

	/**
	 * Records the hand-over to an environment.
	 */
	void start(long nowNanos, long nowEpochMillis, boolean coldStart, double initDurationMillis) {
		this.startedNanos = nowNanos;
		this.deadlineEpochMillis = nowEpochMillis + this.function.timeoutSeconds() * 1000L;
		this.coldStart = coldStart;
		this.initDurationMillis = initDurationMillis;
	}

	/**
	 * Where the runtime's streamed response goes, if the caller takes it as a stream.
	 */
	@Nullable ResponseStream responseStream() {
		return this.request.responseStream();
	}

	NextInvocation next() {
		return new NextInvocation(this.request.requestId(), this.deadlineEpochMillis, this.request.invokedFunctionArn(),
				this.request.traceId(), this.request.clientContext(), this.request.contentType(),
				this.request.payload());
	}

	/**
	 * Completes with what the function produced (or the platform said on its behalf).
	 * @return false when it had already ended
	 */
	boolean finish(InvocationOutcome outcome, byte[] body, String contentType, @Nullable String errorType,
			long nowNanos, long maxMemoryUsedMb) {
		double queueWait = millisBetween(this.acceptedNanos, started() ? this.startedNanos : nowNanos);
		InvocationMetrics metrics;
		if (started()) {
			double duration = millisBetween(this.startedNanos, nowNanos);
			metrics = new InvocationMetrics(true, this.coldStart, this.initDurationMillis, queueWait, duration,
					Math.max(1, (long) Math.ceil(duration)), this.function.memoryMb(), maxMemoryUsedMb);
		}
		else {
			metrics = InvocationMetrics.notStarted(this.function.memoryMb(), queueWait);
		}
		if (started()) {
			log("END RequestId: " + requestId());
			log(reportLine(metrics));
		}
		InvocationResult result = new InvocationResult(outcome, body, contentType, errorType, this.function.version(),
				metrics, this.request.wantsLogTail() ? this.log.bytes() : new byte[0]);
		if (!this.result.complete(result)) {
			return false;
		}
		ResponseStream stream = this.request.responseStream();
		if (stream != null) {
			// A stream in progress ends with the invocation: complete after a success,
			// cut short after anything else (an error trailer, a timeout, a crash).
			if (outcome == InvocationOutcome.SUCCESS) {
				stream.end();
			}
			else {
				stream.fail();
			}
		}
		this.recorder.completed(this.recorded, result);
		return true;
	}

	private String reportLine(InvocationMetrics metrics) {
		StringBuilder report = new StringBuilder("REPORT RequestId: ").append(requestId())
			.append("\tDuration: ")
			.append(String.format("%.2f", metrics.durationMillis()))
			.append(" ms\tBilled Duration: ")
			.append(metrics.billedDurationMillis())
			.append(" ms\tMemory Size: ")
			.append(metrics.memorySizeMb())
			.append(" MB\tMax Memory Used: ")
			.append(Math.max(0, metrics.maxMemoryUsedMb()))
			.append(" MB\t");
		if (metrics.coldStart()) {
			report.append("Init Duration: ")
				.append(String.format("%.2f", metrics.initDurationMillis()))
				.append(" ms\t");
		}
		return report.toString();
	}

	private static double millisBetween(long fromNanos, long toNanos) {
		return (toNanos - fromNanos) / 1_000_000.0;
	}

}
