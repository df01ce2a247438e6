package dev.aloft.router.queue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.invoke.InvokeResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Polls one SQS queue for one mapping, on a virtual thread: gathers a batch, invokes the
 * function with it on a virtual thread of its own, deletes what succeeded. What failed is
 * left to become visible again after the visibility timeout. At most the mapping's
 * {@code maximumConcurrency} batches (Lambda's {@code ScalingConfig}; the configured
 * default without one) are with the function at once: the poller receives a batch only
 * when a slot is free, so messages it cannot hand over yet stay visible to others.
 */
final class SqsPoller implements SourceConsumer {

	private static final Logger logger = LoggerFactory.getLogger(SqsPoller.class);

	/** SQS returns at most this many messages per receive. */
	private static final int MAX_RECEIVE = 10;

	private static final int SAFETY_MARGIN_SECONDS = 30;

	private final EventSourceMappingConfig mapping;

	private final BatchInvoker invoker;

	private final QueueSourceProperties properties;

	private final String region;

	private final String queueName;

	private final SqsClient client;

	private final Semaphore stopping = new Semaphore(0);

	private final int concurrency;

	/** One permit per batch that may be with the function. */
	private final Semaphore slots;

	private volatile boolean running;

	private @Nullable Thread thread;

	private @Nullable String queueUrl;

	private int queueVisibilitySeconds;

	SqsPoller(EventSourceMappingConfig mapping, BatchInvoker invoker, QueueSourceProperties properties) {
		this.mapping = mapping;
		this.invoker = invoker;
		this.properties = properties;
		String arn = (mapping.eventSourceArn() != null) ? mapping.eventSourceArn() : "";
		String[] parts = arn.split(":");
		if (parts.length < 6) {
			throw new IllegalArgumentException("Mapping " + mapping.id() + " has no SQS queue ARN");
		}
		this.region = parts[3];
		this.queueName = parts[5];
		this.client = client(mapping, properties.sqs(), this.region);
		this.concurrency = (mapping.maximumConcurrency() != null) ? mapping.maximumConcurrency()
				: properties.sqs().defaultConcurrency();
		this.slots = new Semaphore(this.concurrency);
	}

	private static SqsClient client(EventSourceMappingConfig mapping, QueueSourceProperties.Sqs sqs, String region) {
		SqsClientBuilder builder = SqsClient.builder()
			.region(Region.of(region))
			.overrideConfiguration(
					(config) -> config.apiCallAttemptTimeout(sqs.waitTime().plus(Duration.ofSeconds(10))));
		URI endpoint = mapping.endpoints().isEmpty() ? sqs.endpoint() : URI.create(mapping.endpoints().getFirst());
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		if (sqs.accessKeyId() != null && sqs.secretAccessKey() != null) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(sqs.accessKeyId(), sqs.secretAccessKey())));
		}
		return builder.build();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("sqs-" + this.mapping.id()).start(this::run);
	}

	@Override
	public void close() {
		Thread current;
		synchronized (this) {
			this.running = false;
			current = this.thread;
		}
		this.stopping.release();
		if (current != null) {
			current.interrupt();
			try {
				current.join(this.properties.sqs().waitTime().plusSeconds(5));
				// Batches in flight finish (and delete what succeeded) before the client
				// closes; what is still running then comes back after the visibility
				// timeout.
				if (this.slots.tryAcquire(this.concurrency, 30, TimeUnit.SECONDS)) {
					this.slots.release(this.concurrency);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.client.close();
	}

	private void run() {
		boolean failing = false;
		while (this.running) {
			try {
				pollOnce();
				if (failing) {
					logger.info("SQS queue {} of mapping {} is reachable again", this.queueName, this.mapping.id());
					failing = false;
				}
			}
			catch (InterruptedException | AbortedException ex) {
				if (!this.running) {
					return;
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				if (!failing) {
					logger.warn("Cannot poll SQS queue {} of mapping {}; retrying every {}: {}", this.queueName,
							this.mapping.id(), this.properties.restartDelay(), ex.toString());
					failing = true;
				}
				this.queueUrl = null;
				if (pause(this.properties.restartDelay())) {
					return;
				}
			}
		}
	}

	/** Waits, or returns true at once when the poller is stopping. */
	private boolean pause(Duration duration) {
		try {
			return this.stopping.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS) || !this.running;
		}
		catch (InterruptedException ex) {
			return true;
		}
	}

	private void pollOnce() throws InterruptedException {
		if (this.invoker.paused(this.mapping)) {
			pause(this.properties.sqs().waitTime());
			return;
		}
		this.slots.acquire();
		List<Message> batch;
		String url;
		try {
			url = queueUrl();
			FunctionVersionConfig version = this.invoker.version(this.mapping);
			int timeout = (version != null) ? version.timeoutSeconds() : 0;
			batch = gather(url, visibilityTimeout(timeout));
		}
		catch (RuntimeException ex) {
			this.slots.release();
			throw ex;
		}
		if (batch.isEmpty()) {
			this.slots.release();
			return;
		}
		Thread.ofVirtual().name("sqs-" + this.mapping.id() + "-batch").start(() -> {
			try {
				process(url, batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.warn("Mapping {}: a batch of {} messages could not be settled; they return after the "
						+ "visibility timeout: {}", this.mapping.id(), batch.size(), ex.toString());
			}
			finally {
				this.slots.release();
			}
		});
	}

	private void process(String url, List<Message> batch) throws InterruptedException {
		InvokeResult result = this.invoker.invoke(this.mapping,
				SqsRecords.event(batch, this.mapping.eventSourceArn(), this.region), EventSource.SQS);
		Set<String> failed = BatchItemFailures.failed(result, SqsRecords.ids(batch),
				this.mapping.reportBatchItemFailures());
		List<Message> succeeded = batch.stream().filter((message) -> !failed.contains(message.messageId())).toList();
		delete(url, succeeded);
		this.invoker.records(EventSource.SQS, "succeeded", succeeded.size());
		this.invoker.records(EventSource.SQS, "failed", failed.size());
		if (!failed.isEmpty()) {
			logger.debug("Mapping {}: {} of {} messages failed ({}); they return after the visibility timeout",
					this.mapping.id(), failed.size(), batch.size(), result.detail());
		}
	}

	private String queueUrl() {
		if (this.queueUrl == null) {
			String url = this.client.getQueueUrl((request) -> request.queueName(this.queueName)).queueUrl();
			String visibility = this.client
				.getQueueAttributes(
						(request) -> request.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
				.attributes()
				.get(QueueAttributeName.VISIBILITY_TIMEOUT);
			this.queueVisibilitySeconds = (visibility != null) ? Integer.parseInt(visibility) : 30;
			this.queueUrl = url;
			return url;
		}
		return this.queueUrl;
	}

	/**
	 * The visibility timeout to receive with: the queue's own, unless the function's
	 * timeout and the batching window do not fit in it; then, as Lambda does, their sum
	 * plus 30 seconds.
	 */
	private @Nullable Integer visibilityTimeout(int functionTimeoutSeconds) {
		int needed = functionTimeoutSeconds + this.mapping.maximumBatchingWindowSeconds();
		return (needed > this.queueVisibilitySeconds) ? needed + SAFETY_MARGIN_SECONDS : null;
	}

	/**
	 * Receives up to the batch size: one long poll, then, within the batching window
	 * counted from the first message, more receives until the batch is full.
	 */
	private List<Message> gather(String url, @Nullable Integer visibilityTimeout) {
		List<Message> batch = new ArrayList<>();
		long waitSeconds = this.properties.sqs().waitTime().toSeconds();
		long deadline = 0;
		do {
			int wanted = Math.min(MAX_RECEIVE, this.mapping.batchSize() - batch.size());
			long remaining = batch.isEmpty() ? waitSeconds
					: Math.min(20, (deadline - System.nanoTime()) / 1_000_000_000L);
			ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
				.queueUrl(url)
				.maxNumberOfMessages(wanted)
				.waitTimeSeconds((int) Math.max(0, remaining))
				.messageSystemAttributeNamesWithStrings("All")
				.messageAttributeNames("All");
			if (visibilityTimeout != null) {
				request.visibilityTimeout(visibilityTimeout);
			}
			List<Message> received = this.client.receiveMessage(request.build()).messages();
			if (batch.isEmpty() && !received.isEmpty()) {
				deadline = System.nanoTime()
						+ Duration.ofSeconds(this.mapping.maximumBatchingWindowSeconds()).toNanos();
			}
			batch.addAll(received);
		}
		while (this.running && !batch.isEmpty() && batch.size() < this.mapping.batchSize()
				&& System.nanoTime() < deadline);
		return batch;
	}

	private void delete(String url, List<Message> messages) {
		for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
			List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE));
			List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
			for (int i = 0; i < chunk.size(); i++) {
				entries.add(DeleteMessageBatchRequestEntry.builder()
					.id(Integer.toString(i))
					.receiptHandle(chunk.get(i).receiptHandle())
					.build());
			}
			DeleteMessageBatchResponse response = this.client
				.deleteMessageBatch((request) -> request.queueUrl(url).entries(entries));
			if (response.hasFailed() && !response.failed().isEmpty()) {
				logger.warn("Mapping {}: {} processed messages could not be deleted and will be delivered again",
						this.mapping.id(), response.failed().size());
			}
		}
	}

}
