package dev.aloft.invoker.records;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts records and log lines that never reach the control plane, in
 * {@code aloft.records.dropped} by {@code kind} ({@value #RECORD}, {@value #LINE}) and
 * {@code reason}: {@value #OVERFLOW} (the buffer was full), {@value #REJECTED} (the
 * control plane refused it), {@value #INVALID} (it could never be stored),
 * {@value #SHUTDOWN} (still buffered when the invoker stopped).
 */
final class RecordDrops {

	/** The kind of an invocation record. */
	static final String RECORD = "invocation-record";

	/** The kind of a log line. */
	static final String LINE = "log-line";

	/** The buffer was full. */
	static final String OVERFLOW = "overflow";

	/** The control plane refused it. */
	static final String REJECTED = "rejected";

	/** It could not be recorded at all. */
	static final String INVALID = "invalid";

	/** It was still buffered when the invoker stopped. */
	static final String SHUTDOWN = "shutdown";

	private final MeterRegistry meterRegistry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	RecordDrops(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	void overflow(String kind, int count) {
		dropped(kind, OVERFLOW, count);
	}

	void dropped(String kind, String reason, int count) {
		if (count <= 0) {
			return;
		}
		this.counters
			.computeIfAbsent(kind + "/" + reason,
					(key) -> Counter.builder("aloft.records.dropped")
						.description("Invocation records and log lines that were never shipped to the control plane")
						.tag("kind", kind)
						.tag("reason", reason)
						.register(this.meterRegistry))
			.increment(count);
	}

}
