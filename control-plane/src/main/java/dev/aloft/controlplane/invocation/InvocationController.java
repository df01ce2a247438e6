package dev.aloft.controlplane.invocation;

import java.time.Instant;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.controlplane.invocation.InvocationQueries.InvocationQuery;
import dev.aloft.controlplane.invocation.InvocationQueries.TimeRange;
import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/namespaces/{namespace}/functions/{function}/invocations}: the record every
 * invocation of a function left, newest first.
 */
@PublicApi
@RestController
@RequestMapping(path = "/namespaces/{namespace}/functions/{function}/invocations", version = "1")
class InvocationController {

	private final InvocationQueries queries;

	InvocationController(InvocationQueries queries) {
		this.queries = queries;
	}

	/**
	 * Lists invocations, newest first: {@code ?from=&to=} (UTC instants, {@code from}
	 * included, {@code to} not) on when they started, {@code outcome=}, and cursor
	 * paging.
	 */
	@GetMapping
	CursorPage<InvocationResponse> list(@PathVariable String namespace, @PathVariable String function,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable InvocationOutcome outcome,
			@RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Nullable String pageToken) {
		return this.queries.invocations(namespace, function,
				new InvocationQuery(new TimeRange(from, to), outcome, limit, pageToken));
	}

	/**
	 * One invocation by its request id (its latest attempt, when it ran more than once).
	 */
	@GetMapping("/{requestId}")
	InvocationResponse get(@PathVariable String namespace, @PathVariable String function,
			@PathVariable String requestId) {
		return this.queries.invocation(namespace, function, requestId);
	}

}
