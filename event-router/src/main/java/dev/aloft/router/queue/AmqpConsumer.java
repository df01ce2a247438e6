package dev.aloft.router.queue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.queue.AmqpRecords.Received;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one RabbitMQ queue for one mapping: prefetch is the batch size; a batch is
 * what arrived up to the batch size within the batching window; a message the function
 * handled is acked; one that failed {@code max-attempts} times is rejected without
 * requeue, so that the queue's dead-letter exchange (if it has one) gets it.
 */
final class AmqpConsumer implements SourceConsumer {

	private static final Logger logger = LoggerFactory.getLogger(AmqpConsumer.class);

	private static final Duration IDLE_POLL = Duration.ofSeconds(1);

	private final EventSourceMappingConfig mapping;

	private final BatchInvoker invoker;

	private final QueueSourceProperties properties;

	private final URI endpoint;

	private final String queue;

	private final String sourceArn;

	private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

	private final Semaphore stopping = new Semaphore(0);

	private volatile boolean running;

	/** Set when the broker cancels the consumer (its queue was deleted): reconnect. */
	private volatile boolean cancelled;

	private @Nullable Thread thread;

	private @Nullable Connection connection;

	private @Nullable Channel channel;

	AmqpConsumer(EventSourceMappingConfig mapping, BatchInvoker invoker, QueueSourceProperties properties) {
		if (mapping.endpoints().size() != 1 || mapping.queues().size() != 1) {
			throw new IllegalArgumentException("Mapping " + mapping.id() + " needs one AMQP endpoint and one queue");
		}
		this.mapping = mapping;
		this.invoker = invoker;
		this.properties = properties;
		this.endpoint = URI.create(mapping.endpoints().getFirst());
		this.queue = mapping.queues().getFirst();
		String base = mapping.endpoints().getFirst();
		this.sourceArn = (base.endsWith("/") ? base : base + "/") + this.queue;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name("amqp-" + this.mapping.id()).start(this::run);
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
			try {
				current.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		disconnect();
	}

	private void run() {
		boolean failing = false;
		while (this.running) {
			try {
				connect();
				List<Received> batch = gather();
				if (!batch.isEmpty()) {
					process(batch);
				}
				if (failing) {
					logger.info("RabbitMQ queue {} of mapping {} is reachable again", this.queue, this.mapping.id());
					failing = false;
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (IOException | TimeoutException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				if (!failing) {
					logger.warn("Cannot consume RabbitMQ queue {} of mapping {}; retrying every {}: {}", this.queue,
							this.mapping.id(), this.properties.restartDelay(), ex.toString());
					failing = true;
				}
				// Unacked deliveries go back to the queue when the channel closes.
				disconnect();
				if (pause(this.properties.restartDelay())) {
					return;
				}
			}
		}
	}

	private void connect() throws IOException, TimeoutException {
		Channel current = this.channel;
		if (current != null && current.isOpen()) {
			return;
		}
		disconnect();
		ConnectionFactory factory = new ConnectionFactory();
		try {
			factory.setUri(this.endpoint);
		}
		catch (URISyntaxException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("Mapping " + this.mapping.id() + " has an unusable AMQP URI", ex);
		}
		factory.setUsername(this.properties.rabbitmq().username());
		factory.setPassword(this.properties.rabbitmq().password());
		factory.setAutomaticRecoveryEnabled(false);
		Connection opened = factory.newConnection("aloft-event-router-" + this.mapping.id());
		Channel created = opened.createChannel();
		created.basicQos(this.mapping.batchSize());
		this.deliveries.clear();
		this.cancelled = false;
		// Runs on the client's dispatch thread, which must not close its own connection:
		// the consuming thread reconnects.
		created.basicConsume(this.queue, false, (tag, delivery) -> this.deliveries.add(delivery),
				(tag) -> this.cancelled = true);
		this.connection = opened;
		this.channel = created;
	}

	private synchronized void disconnect() {
		Connection current = this.connection;
		this.connection = null;
		this.channel = null;
		if (current != null) {
			try {
				current.close((int) Duration.ofSeconds(5).toMillis());
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Closing the RabbitMQ connection of mapping {} failed: {}", this.mapping.id(),
						ex.toString());
			}
		}
	}

	/** Waits, or returns true at once when the consumer is stopping. */
	private boolean pause(Duration duration) {
		try {
			return this.stopping.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS) || !this.running;
		}
		catch (InterruptedException ex) {
			return true;
		}
	}

	private List<Received> gather() throws InterruptedException, IOException {
		if (this.cancelled) {
			throw new IOException("RabbitMQ cancelled the consumer (was the queue deleted?)");
		}
		List<Received> batch = new ArrayList<>();
		Delivery first = this.deliveries.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
		if (first == null) {
			return batch;
		}
		long now = System.currentTimeMillis();
		batch.add(received(first, now));
		long deadline = System.nanoTime() + Duration.ofSeconds(this.mapping.maximumBatchingWindowSeconds()).toNanos();
		while (batch.size() < this.mapping.batchSize()) {
			long remaining = deadline - System.nanoTime();
			Delivery next = (remaining > 0) ? this.deliveries.poll(remaining, TimeUnit.NANOSECONDS)
					: this.deliveries.poll();
			if (next == null) {
				break;
			}
			batch.add(received(next, now));
		}
		return batch;
	}

	private static Received received(Delivery delivery, long now) {
		String messageId = delivery.getProperties().getMessageId();
		if (messageId == null || messageId.isEmpty()) {
			messageId = UUID.randomUUID().toString();
		}
		Object deliveryCount = (delivery.getProperties().getHeaders() != null)
				? delivery.getProperties().getHeaders().get("x-delivery-count") : null;
		int count = (deliveryCount instanceof Number number) ? number.intValue() + 1
				: (delivery.getEnvelope().isRedeliver() ? 2 : 1);
		return new Received(delivery, messageId, now, count);
	}

	private void process(List<Received> batch) throws IOException, InterruptedException {
		if (this.invoker.paused(this.mapping)) {
			// Reserved concurrency 0: leave the messages in the queue, untried.
			for (Received received : batch) {
				channel().basicNack(received.deliveryTag(), false, true);
			}
			pause(this.properties.restartDelay());
			return;
		}
		List<Received> pending = batch;
		for (int attempt = 1;; attempt++) {
			InvokeResult result = this.invoker.invoke(this.mapping,
					AmqpRecords.event(pending, this.sourceArn, this.invoker.region()), EventSource.AMQP);
			Set<String> failed = BatchItemFailures.failed(result, pending.stream().map(Received::messageId).toList(),
					this.mapping.reportBatchItemFailures());
			Channel current = channel();
			List<Received> retry = new ArrayList<>();
			for (Received received : pending) {
				if (failed.contains(received.messageId())) {
					retry.add(received.again());
				}
				else {
					current.basicAck(received.deliveryTag(), false);
				}
			}
			this.invoker.records(EventSource.AMQP, "succeeded", pending.size() - retry.size());
			if (retry.isEmpty()) {
				return;
			}
			if (attempt >= this.properties.rabbitmq().maxAttempts()) {
				for (Received received : retry) {
					current.basicNack(received.deliveryTag(), false, false);
				}
				this.invoker.records(EventSource.AMQP, "dead_lettered", retry.size());
				logger.debug("Mapping {}: rejected {} messages after {} attempts ({})", this.mapping.id(), retry.size(),
						attempt, result.detail());
				return;
			}
			this.invoker.records(EventSource.AMQP, "failed", retry.size());
			if (pause(this.properties.rabbitmq().retryDelay())) {
				// Stopping: the unacked messages return to the queue with the channel.
				return;
			}
			pending = retry;
		}
	}

	private Channel channel() throws IOException {
		Channel current = this.channel;
		if (current == null || !current.isOpen()) {
			throw new IOException("The RabbitMQ channel closed");
		}
		return current;
	}

}
