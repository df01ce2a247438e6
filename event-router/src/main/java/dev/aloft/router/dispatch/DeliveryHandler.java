package dev.aloft.router.dispatch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import dev.aloft.router.EventRouterProperties;
import dev.aloft.router.catalog.FunctionCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Delivers one claimed destination record to its destination (see {@link Destination}):
 * <ul>
 * <li>a function: enqueues an asynchronous invocation of it (source {@code destination})
 * in the same transaction that marks the record delivered;</li>
 * <li>a webhook: POSTs the record as JSON with an {@code Aloft-Delivery-Id} header
 * (stable across retries, for receivers that deduplicate), and counts any 2xx as
 * delivered; other answers and connection failures are retried with back-off, and after
 * the configured attempts the record goes to the dead-letter store;</li>
 * <li>an SQS queue: sends the record as one message's body through the
 * {@link QueueSender} (the SQS server the queue event sources use), and counts the
 * server's acceptance as delivered; failures are retried as a webhook's are, and a queue
 * the server does not know makes the record a dead letter at once
 * ({@code DestinationNotFound}), to be redriven once the queue exists;</li>
 * <li>an S3 bucket: writes the record as one object ({@code application/json}) through
 * the {@link BucketWriter}, under {@link Destination.Bucket#objectKey}; failures are
 * retried and a bucket that does not exist is a dead letter at once, as for a queue;</li>
 * <li>a destination function this router cannot see yet (its view is behind the record's
 * revision) is waited for, as many attempts; one that does not exist, or the function the
 * record is about, makes the record a dead letter;</li>
 * <li>anything else (SNS, EventBridge, Kafka) goes to the dead-letter store at once, with
 * the reason ({@code DestinationUnsupported}).</li>
 * </ul>
 * Delivery is at least once: a router that dies after the send but before it records the
 * delivery sends the record again.
 */
@Component
class DeliveryHandler {

	/** Request header: the delivery's id, the same on every attempt. */
	static final String DELIVERY_ID = "Aloft-Delivery-Id";

	private static final Logger logger = LoggerFactory.getLogger(DeliveryHandler.class);

	private final FunctionCatalog catalog;

	private final InvocationQueue queue;

	private final RetryPolicy policy;

	private final DispatchMetrics metrics;

	private final EventRouterProperties router;

	private final DispatchProperties.Delivery delivery;

	private final HttpClient httpClient;

	private final ObjectProvider<QueueSender> queueSender;

	private final ObjectProvider<BucketWriter> bucketWriter;

	DeliveryHandler(FunctionCatalog catalog, InvocationQueue queue, RetryPolicy policy, DispatchMetrics metrics,
			EventRouterProperties router, DispatchProperties properties, ObjectProvider<QueueSender> queueSender,
			ObjectProvider<BucketWriter> bucketWriter) {
		this.catalog = catalog;
		this.queue = queue;
		this.policy = policy;
		this.metrics = metrics;
		this.router = router;
		this.delivery = properties.delivery();
		this.queueSender = queueSender;
		this.bucketWriter = bucketWriter;
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.delivery().timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	void handle(ClaimedEvent event) throws InterruptedException {
		String address = (event.destination() != null) ? event.destination() : "";
		Destination destination = Destination.parse(address, this.router);
		switch (destination) {
			case Destination.FunctionTarget target -> toFunction(event, target);
			case Destination.Webhook hook -> toWebhook(event, hook);
			case Destination.Queue sqs -> toQueue(event, sqs);
			case Destination.Bucket bucket -> toBucket(event, bucket);
			case Destination.Unsupported unsupported ->
				deadLetter(event, destination, DeadLetterReason.DESTINATION_UNSUPPORTED, unsupported.reason());
			case Destination.Invalid invalid ->
				deadLetter(event, destination, DeadLetterReason.DESTINATION_INVALID, invalid.reason());
		}
	}

	private void toFunction(ClaimedEvent event, Destination.FunctionTarget target) {
		FunctionRef function = new FunctionRef(event.function().namespace(), target.functionName(), target.qualifier());
		if (function.functionKey().equals(event.function().functionKey())) {
			// Lambda refuses this configuration; records sent here would loop for ever.
			deadLetter(event, target, DeadLetterReason.DESTINATION_INVALID,
					"A function cannot be its own destination: " + event.destination());
			return;
		}
		if (!this.catalog.exists(function.namespace(), function.functionName(), function.qualifier())) {
			if (this.catalog.revision() < event.configRevision()
					&& event.deferrals() + 1 < this.delivery.maxAttempts()) {
				retry(event, "function", "The router's configuration is behind revision " + event.configRevision());
			}
			else {
				deadLetter(event, target, DeadLetterReason.DESTINATION_NOT_FOUND,
						"Destination function not found: " + event.destination());
			}
			return;
		}
		NewEvent invocation = NewEvent.invocation(function, EventSource.DESTINATION, null, event.payload(),
				this.catalog.revision());
		if (this.queue.settle(event, Settlement.succeeded(event.attempts() + 1, null), List.of(invocation))) {
			this.metrics.enqueued(EventSource.DESTINATION);
			this.metrics.delivery(target.type(), "delivered");
		}
	}

	private void toWebhook(ClaimedEvent event, Destination.Webhook hook) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(hook.uri())
			.timeout(this.delivery.timeout())
			.header("Content-Type", "application/json")
			.header(DELIVERY_ID, event.id().toString())
			.POST(HttpRequest.BodyPublishers.ofByteArray(event.payload()))
			.build();
		String failure;
		try {
			HttpResponse<Void> response = this.httpClient.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 == 2) {
				if (this.queue.settle(event, Settlement.succeeded(event.attempts() + 1, null), List.of())) {
					this.metrics.delivery(hook.type(), "delivered");
				}
				return;
			}
			failure = "The webhook answered " + response.statusCode();
		}
		catch (IOException ex) {
			failure = "The webhook could not be reached (" + ex.getClass().getSimpleName() + ")";
		}
		failed(event, hook, failure);
	}

	private void toQueue(ClaimedEvent event, Destination.Queue sqs) {
		QueueSender sender = this.queueSender.getIfAvailable();
		if (sender == null) {
			// Only where the queue feature is not part of the application (slices).
			deadLetter(event, sqs, DeadLetterReason.DESTINATION_UNSUPPORTED,
					"This router has no SQS sender for " + sqs.address().arn());
			return;
		}
		try {
			String messageId = sender.send(sqs.address(), event.payload(), this.delivery.timeout());
			if (this.queue.settle(event, Settlement.succeeded(event.attempts() + 1, null), List.of())) {
				this.metrics.delivery(sqs.type(), "delivered");
				logger.debug("Destination record {} sent to {} as message {}", event.id(), sqs.address().arn(),
						messageId);
			}
		}
		catch (DestinationNotFoundException ex) {
			deadLetterAfter(event, sqs, event.attempts() + 1, ex.getMessage(), DeadLetterReason.DESTINATION_NOT_FOUND);
		}
		catch (DestinationWriteFailedException ex) {
			failed(event, sqs, ex.getMessage());
		}
	}

	private void toBucket(ClaimedEvent event, Destination.Bucket bucket) {
		BucketWriter writer = this.bucketWriter.getIfAvailable();
		if (writer == null) {
			// Only where the bucket feature is not part of the application (slices).
			deadLetter(event, bucket, DeadLetterReason.DESTINATION_UNSUPPORTED,
					"This router has no S3 writer for " + bucket.arn());
			return;
		}
		String key = Destination.Bucket.objectKey(event.function().functionName(), event.enqueuedAt(), event.id());
		try {
			writer.put(bucket.name(), key, event.payload(), this.delivery.timeout());
			if (this.queue.settle(event, Settlement.succeeded(event.attempts() + 1, null), List.of())) {
				this.metrics.delivery(bucket.type(), "delivered");
				logger.debug("Destination record {} written to {} as {}", event.id(), bucket.arn(), key);
			}
		}
		catch (DestinationNotFoundException ex) {
			deadLetterAfter(event, bucket, event.attempts() + 1, ex.getMessage(),
					DeadLetterReason.DESTINATION_NOT_FOUND);
		}
		catch (DestinationWriteFailedException ex) {
			failed(event, bucket, ex.getMessage());
		}
	}

	/**
	 * An attempt failed in a way that may pass: tried again with back-off, until the
	 * attempts run out.
	 */
	private void failed(ClaimedEvent event, Destination destination, String failure) {
		int attempts = event.attempts() + 1;
		if (attempts >= this.delivery.maxAttempts()) {
			deadLetterAfter(event, destination, attempts, failure + " on attempt " + attempts);
			return;
		}
		Instant retryAt = this.queue.now().plus(this.policy.backoff(attempts));
		if (this.queue.settle(event, Settlement.retry(retryAt, attempts, 0, failure, null, null), List.of())) {
			this.metrics.delivery(destination.type(), "retried");
		}
	}

	private void retry(ClaimedEvent event, String type, String detail) {
		int deferrals = event.deferrals() + 1;
		Instant retryAt = this.queue.now().plus(this.policy.backoff(deferrals));
		if (this.queue.settle(event, Settlement.retry(retryAt, event.attempts(), deferrals, detail, null, null),
				List.of())) {
			this.metrics.delivery(type, "retried");
		}
	}

	private void deadLetter(ClaimedEvent event, Destination destination, DeadLetterReason reason, String detail) {
		deadLetterAfter(event, destination, event.attempts(), detail, reason);
	}

	private void deadLetterAfter(ClaimedEvent event, Destination destination, int attempts, String detail) {
		deadLetterAfter(event, destination, attempts, detail, DeadLetterReason.DESTINATION_FAILED);
	}

	private void deadLetterAfter(ClaimedEvent event, Destination destination, int attempts, String detail,
			DeadLetterReason reason) {
		if (this.queue.settle(event, Settlement.dead(reason, attempts, event.deferrals(), detail, null, null),
				List.of())) {
			this.metrics.delivery(destination.type(), "failed");
			this.metrics.deadLettered(reason);
			logger.warn("Destination record {} about {}/{} dead-lettered: {}", event.id(), event.function().namespace(),
					event.function().functionName(), reason.value());
		}
	}

}
