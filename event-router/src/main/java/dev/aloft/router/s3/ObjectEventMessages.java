package dev.aloft.router.s3;

import java.util.List;

import dev.aloft.problems.PlatformException;
import dev.aloft.router.system.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Takes object notifications that arrive as messages (MinIO's AMQP and Kafka targets send
 * the same JSON as its webhook) and routes them as the webhook does. A message that is
 * not an S3 event notification is logged with the reason and counted, and its consumer
 * sets it aside (the AMQP queue's dead-letter exchange; past it in the Kafka topic);
 * anything that stops the events from being enqueued is thrown, so that the consumer
 * keeps the message and tries again.
 * <p>
 * Metric {@code aloft.events.s3.messages} ({@code target}: {@code amqp}, {@code kafka};
 * {@code outcome}: {@code routed}, {@code malformed}, {@code retried}).
 */
@Component
class ObjectEventMessages {

	private static final Logger logger = LoggerFactory.getLogger(ObjectEventMessages.class);

	private final ObjectEventRouter router;

	private final JsonMapper jsonMapper;

	private final MeterRegistry registry;

	ObjectEventMessages(ObjectEventRouter router, JsonMapper jsonMapper, MeterRegistry registry) {
		this.router = router;
		this.jsonMapper = jsonMapper;
		this.registry = registry;
	}

	/**
	 * Routes the events of one message.
	 * @param target where it came from ({@code amqp}, {@code kafka}), for logs and
	 * metrics
	 * @param source the queue or topic position, for the log of a malformed message
	 * @param body the message's body
	 * @return {@code true} once every invocation it leads to is committed to the queue;
	 * {@code false} for a message that is not an S3 event notification
	 * @throws RuntimeException when the events cannot be enqueued now (the router has not
	 * loaded its configuration, the database is unreachable): keep the message
	 * @throws InterruptedException when interrupted
	 */
	boolean accept(String target, String source, byte[] body) throws InterruptedException {
		List<ObjectEvent> events;
		try {
			events = ObjectEvent.readAll(this.jsonMapper, body);
		}
		catch (PlatformException ex) {
			if (ex.problemType() != ProblemType.MALFORMED_REQUEST) {
				throw ex;
			}
			logger.warn("Object-event message from {} ({}) set aside: {}", target, source, ex.getBody().getDetail());
			count(target, "malformed");
			return false;
		}
		try {
			this.router.route(events);
		}
		catch (RuntimeException ex) {
			count(target, "retried");
			throw ex;
		}
		count(target, "routed");
		return true;
	}

	private void count(String target, String outcome) {
		Counter.builder("aloft.events.s3.messages")
			.description("Object-event messages consumed from message targets, by what came of them")
			.tag("target", target)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
