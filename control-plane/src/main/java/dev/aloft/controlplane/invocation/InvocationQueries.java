package dev.aloft.controlplane.invocation;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.controlplane.function.FunctionService;
import dev.aloft.controlplane.invocation.FunctionLogStore.StoredLogLine;
import dev.aloft.controlplane.invocation.InvocationRecordStore.StoredInvocation;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Reads a function's invocation records and log: only functions that exist, only within
 * their namespace (which the caller was authorized for), a page at a time.
 */
@Service
class InvocationQueries {

	private final FunctionService functions;

	private final InvocationRecordStore records;

	private final FunctionLogStore logs;

	InvocationQueries(FunctionService functions, InvocationRecordStore records, FunctionLogStore logs) {
		this.functions = functions;
		this.records = records;
		this.logs = logs;
	}

	/**
	 * A function's invocations, newest first.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param query what to read
	 * @return one page
	 */
	CursorPage<InvocationResponse> invocations(String namespace, String functionName, InvocationQuery query) {
		this.functions.requireExisting(namespace, functionName);
		query.range().validate();
		RecordCursor before = (query.pageToken() != null) ? RecordCursor.decode(query.pageToken()) : null;
		List<StoredInvocation> rows = this.records.newestFirst(namespace, functionName, query.range().from(),
				query.range().to(), query.outcome(), before, query.limit() + 1);
		return page(rows, query.limit(), StoredInvocation::cursor, (row) -> InvocationResponse.from(row.record()));
	}

	/**
	 * The record of one request (its latest attempt, when it ran more than once).
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param requestId the request id
	 * @return the record
	 */
	InvocationResponse invocation(String namespace, String functionName, String requestId) {
		this.functions.requireExisting(namespace, functionName);
		return this.records.latest(namespace, functionName, requestId)
			.map((row) -> InvocationResponse.from(row.record()))
			.orElseThrow(() -> new PlatformException(ProblemType.INVOCATION_NOT_FOUND, "Function " + functionName
					+ " has no record of request " + requestId + " (records are kept for a limited time)"));
	}

	/**
	 * A function's log, oldest first.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param query what to read
	 * @return one page
	 */
	CursorPage<LogLineResponse> logs(String namespace, String functionName, LogQuery query) {
		this.functions.requireExisting(namespace, functionName);
		query.range().validate();
		RecordCursor after = (query.pageToken() != null) ? RecordCursor.decode(query.pageToken()) : null;
		List<StoredLogLine> rows = this.logs.oldestFirst(namespace, functionName, query.requestId(),
				query.range().from(), query.range().to(), after, query.limit() + 1);
		return page(rows, query.limit(), StoredLogLine::cursor, (row) -> LogLineResponse.from(row.line()));
	}

	/**
	 * Checks that a function exists before its log is followed.
	 * @param namespace the namespace
	 * @param functionName the function
	 */
	void requireFunction(String namespace, String functionName) {
		this.functions.requireExisting(namespace, functionName);
	}

	private static <R, T> CursorPage<T> page(List<R> rows, int limit, Function<R, RecordCursor> cursor,
			Function<R, T> response) {
		if (rows.size() <= limit) {
			return new CursorPage<>(rows.stream().map(response).toList(), null);
		}
		List<R> items = rows.subList(0, limit);
		return new CursorPage<>(items.stream().map(response).toList(), cursor.apply(items.getLast()).encode());
	}

	/**
	 * A time range: {@code from} included, {@code to} excluded, either open.
	 *
	 * @param from the start, if any
	 * @param to the end, if any
	 */
	record TimeRange(@Nullable Instant from, @Nullable Instant to) {

		void validate() {
			if (this.from != null && this.to != null && !this.from.isBefore(this.to)) {
				throw new PlatformException(ProblemType.VALIDATION_FAILED, "from must be before to");
			}
		}

	}

	/**
	 * Which invocation records to read.
	 *
	 * @param range when they started
	 * @param outcome only this outcome, if given
	 * @param limit the page size
	 * @param pageToken the previous page's {@code nextPageToken}, if any
	 */
	record InvocationQuery(TimeRange range, @Nullable InvocationOutcome outcome, int limit,
			@Nullable String pageToken) {
	}

	/**
	 * Which log lines to read.
	 *
	 * @param range when they were written
	 * @param requestId only this invocation's lines, if given
	 * @param limit the page size
	 * @param pageToken the previous page's {@code nextPageToken}, if any
	 */
	record LogQuery(TimeRange range, @Nullable String requestId, int limit, @Nullable String pageToken) {
	}

}
