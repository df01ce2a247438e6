package dev.aloft.router.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.problems.PlatformException;
import dev.aloft.router.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enqueue API for the gateway and event sources, and the status of an invocation.
 * <p>
 * {@code POST /internal/v1/namespaces/{ns}/functions/{fn}/async-invocations?qualifier=}
 * takes the raw event (at most 1 MiB) with optional {@code Idempotency-Key},
 * {@code Aloft-Source} (default {@code invoke-api}) and {@code Aloft-Config-Revision}
 * headers, and answers {@code 202 {"invocationId": ...}} with a {@code Location} once the
 * event is committed. A repeated idempotency key answers the same id and enqueues
 * nothing.
 */
@RestController
class AsyncInvocationController {

	/** Request header: the caller's idempotency key. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Request header: what produced the event ({@link EventSource}). */
	static final String SOURCE = "Aloft-Source";

	/** Response header: {@code true} when an earlier request enqueued the event. */
	static final String IDEMPOTENT_REPLAY = "Aloft-Idempotent-Replay";

	private final AsyncInvocations invocations;

	AsyncInvocationController(AsyncInvocations invocations) {
		this.invocations = invocations;
	}

	@PostMapping("/internal/v1/namespaces/{namespace}/functions/{function}/async-invocations")
	ResponseEntity<EnqueueResponse> enqueue(@PathVariable @Size(min = 1, max = 64) String namespace,
			@PathVariable @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String function,
			@RequestParam(defaultValue = FunctionVersionConfig.LATEST) @Pattern(
					regexp = "\\$LATEST|[a-zA-Z0-9_-]{1,128}") String qualifier,
			@RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) @Nullable @Pattern(regexp = "[\\x20-\\x7E]{1,256}") String idempotencyKey,
			@RequestHeader(name = SOURCE, defaultValue = "invoke-api") String source,
			@RequestHeader(name = InvokerApi.CONFIG_REVISION, required = false) @Nullable Long configRevision,
			HttpServletRequest request) throws IOException, InterruptedException {
		EventSource eventSource = EventSource.of(source)
			.orElseThrow(() -> new PlatformException(ProblemType.VALIDATION_FAILED,
					"Unknown " + SOURCE + " '" + source + "': use one of " + EventSource.allValues()));
		byte[] payload = readPayload(request);
		Accepted accepted = this.invocations.enqueue(new EnqueueRequest(namespace, function, qualifier, eventSource,
				idempotencyKey, payload, (configRevision != null) ? configRevision : -1));
		return ResponseEntity.accepted()
			.location(location(accepted.invocationId()))
			.header(IDEMPOTENT_REPLAY, Boolean.toString(accepted.duplicate()))
			.body(new EnqueueResponse(accepted.invocationId()));
	}

	@GetMapping("/internal/v1/async-invocations/{id}")
	AsyncInvocationResponse status(@PathVariable UUID id) {
		return this.invocations.find(id)
			.map(AsyncInvocationResponse::from)
			.orElseThrow(() -> new PlatformException(ProblemType.ASYNC_INVOCATION_NOT_FOUND,
					"No asynchronous invocation " + id + " (finished ones are kept for a limited time)"));
	}

	static URI location(UUID invocationId) {
		return URI.create("/internal/v1/async-invocations/" + invocationId);
	}

	/**
	 * Reads the event, refusing more than the limit without reading it all.
	 */
	private byte[] readPayload(HttpServletRequest request) throws IOException {
		int limit = this.invocations.maxPayloadBytes();
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			throw this.invocations.payloadTooLarge(declared);
		}
		try (InputStream body = request.getInputStream()) {
			byte[] payload = body.readNBytes(limit + 1);
			if (payload.length > limit) {
				throw this.invocations.payloadTooLarge(-1);
			}
			return payload;
		}
	}

	/**
	 * The answer to an accepted event.
	 *
	 * @param invocationId the invocation's id, also its Lambda request id
	 */
	record EnqueueResponse(UUID invocationId) {
	}

}
