package dev.aloft.router.s3;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Consumes the object events MinIO's AMQP target publishes, from the configured queue,
 * one message at a time: a message is acked only once the invocations it leads to are
 * committed to the router's queue; one that is not an S3 event notification is rejected
 * without requeue (to the queue's dead-letter exchange, if it has one) after being logged
 * and counted; one that cannot be enqueued now is returned to the queue after the retry
 * delay. Reconnects by itself when the broker goes away; unacked messages then return to
 * the queue.
 */
@Component
@ConditionalOnProperty(prefix = "aloft.event-router.s3.amqp", name = "queue")
class S3AmqpConsumer extends ObjectEventConsumer {

	private static final Logger logger = LoggerFactory.getLogger(S3AmqpConsumer.class);

	private static final Duration IDLE_POLL = Duration.ofSeconds(1);

	private final S3AmqpProperties properties;

	private final ObjectEventMessages messages;

	private final String queue;

	private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

	/** Set when the broker cancels the consumer (its queue was deleted): reconnect. */
	private volatile boolean cancelled;

	private @Nullable Connection connection;

	private @Nullable Channel channel;

	S3AmqpConsumer(S3AmqpProperties properties, ObjectEventMessages messages) {
		super("s3-amqp");
		this.properties = properties;
		this.messages = messages;
		this.queue = (properties.queue() != null) ? properties.queue() : "";
	}

	@Override
	void consumeUntilStopped() {
		boolean failing = false;
		while (running()) {
			try {
				connect();
				Delivery delivery = this.deliveries.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
				if (delivery != null) {
					handle(delivery);
				}
				if (failing) {
					logger.info("Object-event queue {} is reachable again", this.queue);
					failing = false;
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (IOException | TimeoutException | RuntimeException ex) {
				if (!running()) {
					return;
				}
				if (!failing) {
					logger.warn("Cannot consume object events from AMQP queue {}; retrying every {}: {}", this.queue,
							this.properties.retryDelay(), ex.toString());
					failing = true;
				}
				// Unacked deliveries go back to the queue when the channel closes.
				disconnect();
				if (pause(this.properties.retryDelay())) {
					return;
				}
			}
		}
	}

	private void handle(Delivery delivery) throws IOException, InterruptedException {
		Channel current = this.channel;
		if (current == null) {
			return;
		}
		long tag = delivery.getEnvelope().getDeliveryTag();
		boolean routed;
		try {
			routed = this.messages.accept("amqp", this.queue + " #" + tag, delivery.getBody());
		}
		catch (RuntimeException ex) {
			logger.warn("Object events from AMQP queue {} could not be enqueued; the message returns to the queue "
					+ "in {}: {}", this.queue, this.properties.retryDelay(), ex.toString());
			pause(this.properties.retryDelay());
			current.basicNack(tag, false, true);
			return;
		}
		if (routed) {
			current.basicAck(tag, false);
		}
		else {
			current.basicReject(tag, false);
		}
	}

	private void connect() throws IOException, TimeoutException {
		Channel current = this.channel;
		if (current != null && current.isOpen() && !this.cancelled) {
			return;
		}
		disconnect();
		ConnectionFactory factory = new ConnectionFactory();
		try {
			factory.setUri(this.properties.uri());
		}
		catch (URISyntaxException | GeneralSecurityException ex) {
			throw new IllegalStateException("Invalid AMQP URI " + this.properties.uri(), ex);
		}
		factory.setUsername(this.properties.username());
		factory.setPassword(this.properties.password());
		factory.setAutomaticRecoveryEnabled(false);
		Connection opened = factory.newConnection("aloft-event-router-s3");
		try {
			Channel created = opened.createChannel();
			created.basicQos(this.properties.prefetch());
			this.cancelled = false;
			created.basicConsume(this.queue, false, (consumerTag, delivery) -> this.deliveries.add(delivery),
					(consumerTag) -> this.cancelled = true);
			this.connection = opened;
			this.channel = created;
			logger.info("Consuming object events from AMQP queue {}", this.queue);
		}
		catch (IOException | RuntimeException ex) {
			opened.abort();
			throw ex;
		}
	}

	@Override
	void stopped() {
		disconnect();
	}

	private void disconnect() {
		Connection current = this.connection;
		this.connection = null;
		this.channel = null;
		// Their delivery tags die with the channel; the broker redelivers them.
		this.deliveries.clear();
		if (current != null) {
			current.abort();
		}
	}

}
