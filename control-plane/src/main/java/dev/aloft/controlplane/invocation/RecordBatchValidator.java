package dev.aloft.controlplane.invocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aloft.contracts.records.FunctionLogLine;
import dev.aloft.contracts.records.InvocationRecord;
import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

/**
 * The rules a batch of records must follow before any of it is stored: bounded in size
 * (413 beyond), every identifying field present and within its column, numbers in range.
 * Free text is cut rather than refused: a log line longer than the limit keeps its start
 * and a marker, an error type its first characters.
 */
final class RecordBatchValidator {

	/** The streams a log line may come from. */
	static final Set<String> STREAMS = Set.of("stdout", "stderr", "platform");

	/** The longest error type kept. */
	static final int MAX_ERROR_TYPE_LENGTH = 256;

	/** At most this many problems are reported for one batch. */
	private static final int MAX_REPORTED_ERRORS = 20;

	private final RecordsProperties properties;

	RecordBatchValidator(RecordsProperties properties) {
		this.properties = properties;
	}

	/**
	 * Checks a batch and returns what to store.
	 * @param batch the batch as received; missing lists count as empty
	 * @return the batch to store, long text cut
	 * @throws PlatformException {@code RECORD_BATCH_TOO_LARGE} or
	 * {@code VALIDATION_FAILED}
	 */
	RecordBatch validate(RecordBatch batch) {
		List<@Nullable InvocationRecord> invocations = (batch.invocations() != null) ? batch.invocations() : List.of();
		List<@Nullable FunctionLogLine> logs = (batch.logs() != null) ? batch.logs() : List.of();
		if (invocations.size() > this.properties.maxBatchRecords() || logs.size() > this.properties.maxBatchLines()) {
			throw new PlatformException(ProblemType.RECORD_BATCH_TOO_LARGE,
					"A batch may carry at most " + this.properties.maxBatchRecords() + " invocation records and "
							+ this.properties.maxBatchLines() + " log lines; this one has " + invocations.size()
							+ " and " + logs.size());
		}
		Errors errors = new Errors();
		List<InvocationRecord> validRecords = new ArrayList<>(invocations.size());
		for (int i = 0; i < invocations.size(); i++) {
			InvocationRecord record = invocations.get(i);
			String pointer = "/invocations/" + i;
			if (record == null) {
				errors.add(pointer, "must not be null");
				continue;
			}
			validRecords.add(check(record, pointer, errors));
		}
		List<FunctionLogLine> validLines = new ArrayList<>(logs.size());
		for (int i = 0; i < logs.size(); i++) {
			FunctionLogLine line = logs.get(i);
			String pointer = "/logs/" + i;
			if (line == null) {
				errors.add(pointer, "must not be null");
				continue;
			}
			validLines.add(check(line, pointer, errors));
		}
		errors.throwIfAny();
		return new RecordBatch(validRecords, validLines);
	}

	private InvocationRecord check(InvocationRecord record, String pointer, Errors errors) {
		identifier(record.requestId(), 128, pointer + "/requestId", errors);
		identifier(record.namespace(), 64, pointer + "/namespace", errors);
		identifier(record.functionName(), 64, pointer + "/functionName", errors);
		identifier(record.version(), 32, pointer + "/version", errors);
		identifier(record.trigger(), 64, pointer + "/trigger", errors);
		identifier(record.invoker(), 256, pointer + "/invoker", errors);
		present(record.outcome(), pointer + "/outcome", errors);
		present(record.startedAt(), pointer + "/startedAt", errors);
		present(record.endedAt(), pointer + "/endedAt", errors);
		notNegative(record.initDurationMillis(), pointer + "/initDurationMillis", errors);
		notNegative(record.queueWaitMillis(), pointer + "/queueWaitMillis", errors);
		notNegative(record.durationMillis(), pointer + "/durationMillis", errors);
		notNegative(record.billedDurationMillis(), pointer + "/billedDurationMillis", errors);
		if (record.memorySizeMb() <= 0) {
			errors.add(pointer + "/memorySizeMb", "must be positive");
		}
		if (record.maxMemoryUsedMb() < -1) {
			errors.add(pointer + "/maxMemoryUsedMb", "must be -1 (unknown) or more");
		}
		String errorType = record.errorType();
		if (errorType == null || errorType.length() <= MAX_ERROR_TYPE_LENGTH) {
			return record;
		}
		return new InvocationRecord(record.requestId(), record.namespace(), record.functionName(), record.version(),
				record.trigger(), record.outcome(), errorType.substring(0, MAX_ERROR_TYPE_LENGTH), record.coldStart(),
				record.initDurationMillis(), record.queueWaitMillis(), record.durationMillis(),
				record.billedDurationMillis(), record.memorySizeMb(), record.maxMemoryUsedMb(), record.startedAt(),
				record.endedAt(), record.invoker());
	}

	private FunctionLogLine check(FunctionLogLine line, String pointer, Errors errors) {
		identifier(line.requestId(), 128, pointer + "/requestId", errors);
		identifier(line.namespace(), 64, pointer + "/namespace", errors);
		identifier(line.functionName(), 64, pointer + "/functionName", errors);
		identifier(line.version(), 32, pointer + "/version", errors);
		present(line.timestamp(), pointer + "/timestamp", errors);
		if (line.stream() == null || !STREAMS.contains(line.stream())) {
			errors.add(pointer + "/stream", "must be one of " + STREAMS);
		}
		if (line.message() == null) {
			errors.add(pointer + "/message", "must not be null");
			return line;
		}
		String message = LogLines.cut(line.message(), this.properties.maxLineLength());
		return (message.equals(line.message())) ? line : new FunctionLogLine(line.requestId(), line.namespace(),
				line.functionName(), line.version(), line.timestamp(), line.stream(), message);
	}

	private static void identifier(@Nullable String value, int maxLength, String pointer, Errors errors) {
		if (value == null || value.isBlank()) {
			errors.add(pointer, "must not be blank");
		}
		else if (value.length() > maxLength) {
			errors.add(pointer, "must be at most " + maxLength + " characters");
		}
	}

	private static void present(@Nullable Object value, String pointer, Errors errors) {
		if (value == null) {
			errors.add(pointer, "must not be null");
		}
	}

	private static void notNegative(double value, String pointer, Errors errors) {
		if (!(value >= 0) || Double.isInfinite(value)) {
			errors.add(pointer, "must be a finite number, 0 or more");
		}
	}

	/**
	 * The problems found, as {@code errors[{pointer, detail}]}.
	 */
	private static final class Errors {

		private final List<Map<String, String>> found = new ArrayList<>();

		private int count;

		void add(String pointer, String detail) {
			this.count++;
			if (this.found.size() < MAX_REPORTED_ERRORS) {
				this.found.add(Map.of("pointer", pointer, "detail", detail));
			}
		}

		void throwIfAny() {
			if (this.count == 0) {
				return;
			}
			Map<String, String> first = this.found.getFirst();
			PlatformException ex = new PlatformException(ProblemType.VALIDATION_FAILED,
					this.count + " field(s) of the batch are invalid, e.g. " + first.get("pointer") + ": "
							+ first.get("detail") + "; nothing was stored");
			ex.getBody().setProperty("errors", List.copyOf(this.found));
			throw ex;
		}

	}

}
