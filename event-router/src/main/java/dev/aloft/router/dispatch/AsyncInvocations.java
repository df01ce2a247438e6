package dev.aloft.router.dispatch;

import java.util.Optional;
import java.util.UUID;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.EventRouterProperties;
import dev.aloft.router.catalog.FunctionCatalog;
import dev.aloft.router.system.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The way into the queue, for the enqueue API and for the router's own event sources. An
 * event is accepted only for a function that exists in this router's view of the
 * configuration, and only once it is committed to the database. Called inside a
 * transaction, the enqueue joins it, so that a source can record what it consumed in the
 * same commit (schedules record the tick they fired).
 */
@Component
public class AsyncInvocations {

	private static final Logger logger = LoggerFactory.getLogger(AsyncInvocations.class);

	private final FunctionCatalog catalog;

	private final InvocationQueue queue;

	private final DispatchMetrics metrics;

	private final EventRouterProperties router;

	private final int maxPayloadBytes;

	AsyncInvocations(FunctionCatalog catalog, InvocationQueue queue, DispatchMetrics metrics,
			EventRouterProperties router, DispatchProperties properties) {
		this.catalog = catalog;
		this.queue = queue;
		this.metrics = metrics;
		this.router = router;
		this.maxPayloadBytes = (int) properties.maxPayloadSize().toBytes();
	}

	/**
	 * Accepts an event for asynchronous invocation.
	 * <p>
	 * When the caller names the configuration revision it resolved the function at, this
	 * waits briefly for this router's view to reach it, so that a function the caller has
	 * just seen created is found here too. Without one, the current view decides.
	 * @param request the event
	 * @return the invocation's id; the same as before for a repeated idempotency key
	 * @throws PlatformException {@code PAYLOAD_TOO_LARGE} (413),
	 * {@code FUNCTION_NOT_FOUND} (404), or {@code CONFIGURATION_NOT_CURRENT} (503,
	 * retryable) when this router cannot tell yet whether the function exists
	 * @throws InterruptedException when interrupted while waiting for the view
	 */
	public Accepted enqueue(EnqueueRequest request) throws InterruptedException {
		if (request.payload().length > this.maxPayloadBytes) {
			throw payloadTooLarge(request.payload().length);
		}
		if (request.knownRevision() >= 0 && !this.catalog.awaitRevision(request.knownRevision())) {
			throw new PlatformException(ProblemType.CONFIGURATION_NOT_CURRENT,
					"The router's configuration is at revision " + this.catalog.revision()
							+ ", behind the caller's revision " + request.knownRevision() + "; try again shortly");
		}
		long revision = this.catalog.revision();
		if (revision < 0) {
			throw new PlatformException(ProblemType.CONFIGURATION_NOT_CURRENT,
					"The router has not loaded the configuration yet; try again shortly");
		}
		FunctionRef function = new FunctionRef(request.namespace(), request.functionName(), request.qualifier());
		if (!this.catalog.exists(function.namespace(), function.functionName(), function.qualifier())) {
			throw new PlatformException(ProblemType.FUNCTION_NOT_FOUND,
					"Function not found: " + this.router.functionArn(function.functionName(), function.qualifier())
							+ " in namespace " + function.namespace());
		}
		Accepted accepted = this.queue.enqueue(
				NewEvent.invocation(function, request.source(), request.idempotencyKey(), request.payload(), revision));
		if (!accepted.duplicate()) {
			this.metrics.enqueued(request.source());
			logger.debug("Accepted invocation {} of {}/{} from {}", accepted.invocationId(), function.namespace(),
					function.functionName(), request.source().value());
		}
		return accepted;
	}

	/**
	 * Accepts a destination record for delivery, as the queue's own invocations do: the
	 * record is committed to the queue before this returns, and then delivered to its
	 * destination (a function, a webhook, an SQS queue, an S3 bucket) with the same
	 * retries and dead letters. Event sources whose failures have destinations of their
	 * own (stream mappings) hand their failure records over here.
	 * @param namespace the namespace of the function the record is about
	 * @param functionName that function
	 * @param qualifier the qualifier it was invoked with
	 * @param destination where the record goes (a function ARN, an SQS queue ARN, an S3
	 * bucket ARN, an http(s) URL; other ARNs end in the dead-letter store as unsupported)
	 * @param record the record's JSON
	 * @return the delivery's id
	 */
	public Accepted enqueueDelivery(String namespace, String functionName, String qualifier, String destination,
			byte[] record) {
		FunctionRef about = new FunctionRef(namespace, functionName, qualifier);
		Accepted accepted = this.queue
			.enqueue(NewEvent.delivery(about, destination, record, Math.max(0, this.catalog.revision())));
		this.metrics.enqueued(EventSource.DESTINATION);
		logger.debug("Accepted destination record {} about {}/{}", accepted.invocationId(), namespace, functionName);
		return accepted;
	}

	/**
	 * The largest event accepted, in bytes.
	 * @return the limit
	 */
	public int maxPayloadBytes() {
		return this.maxPayloadBytes;
	}

	Optional<StoredEvent> find(UUID invocationId) {
		return this.queue.find(invocationId);
	}

	/**
	 * The problem for an event over the limit, worded as Lambda's.
	 * @param size the event's size, or -1 when only known to be over the limit
	 */
	PlatformException payloadTooLarge(long size) {
		String described = (size >= 0) ? size + " byte payload" : "The payload";
		return new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
				described + " is too large for the Event invocation type (limit " + this.maxPayloadBytes + " bytes)");
	}

}
