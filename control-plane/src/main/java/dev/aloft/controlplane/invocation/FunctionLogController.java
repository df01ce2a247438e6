package dev.aloft.controlplane.invocation;

import java.time.Instant;

import dev.aloft.controlplane.invocation.InvocationQueries.LogQuery;
import dev.aloft.controlplane.invocation.InvocationQueries.TimeRange;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.controlplane.system.PublicApi;
import dev.aloft.problems.PlatformException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/logs}: what a function wrote,
 * read a page at a time or followed live.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}/logs", version = "1")
class FunctionLogController {

	/** The header an event-stream client sends when it reconnects. */
	static final String LAST_EVENT_ID = "Last-Event-ID";

	private final InvocationQueries queries;

	private final LogFollowers followers;

	FunctionLogController(InvocationQueries queries, LogFollowers followers) {
		this.queries = queries;
		this.followers = followers;
	}

	/**
	 * Reads the log, oldest first: {@code ?from=&to=} (UTC instants, {@code from}
	 * included, {@code to} not), {@code requestId=} for one invocation, and cursor
	 * paging.
	 */
	@GetMapping
	CursorPage<LogLineResponse> read(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Size(max = 128) @Nullable String requestId,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		return this.queries.logs(namespace, function,
				new LogQuery(new TimeRange(from, to), requestId, limit, pageToken));
	}

	/**
	 * Follows the log live as {@code text/event-stream}: one event per line, its id the
	 * line's id and its data the line as JSON. Without {@code Last-Event-ID} the stream
	 * starts with the lines stored after it opened; with it, after that line.
	 * {@code requestId=} follows one invocation.
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter follow(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Size(max = 128) @Nullable String requestId,
			@RequestHeader(name = LAST_EVENT_ID, required = false) @Nullable String lastEventId) {
		this.queries.requireFunction(namespace, function);
		return this.followers.follow(namespace, function, requestId, parse(lastEventId));
	}

	private static @Nullable Long parse(@Nullable String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return null;
		}
		try {
			long id = Long.parseLong(lastEventId.strip());
			if (id < 0) {
				throw new NumberFormatException("negative");
			}
			return id;
		}
		catch (NumberFormatException ex) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					LAST_EVENT_ID + " must be the id of an event this stream sent");
		}
	}

}
