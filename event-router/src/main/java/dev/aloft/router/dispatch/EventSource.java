package dev.aloft.router.dispatch;

import java.util.Arrays;
import java.util.Optional;

/**
 * What produced an event. A closed list, so that it can tag metrics without growing
 * without bound; a new event source adds its constant here.
 */
public enum EventSource {

	/** The Lambda Invoke API with {@code InvocationType: Event}. */
	INVOKE_API("invoke-api"),

	/** An HTTP route configured for asynchronous invocation. */
	ROUTE("route"),

	/** A schedule. */
	SCHEDULE("schedule"),

	/** An object-store notification. */
	S3("s3"),

	/** An SQS queue. */
	SQS("sqs"),

	/** An AMQP (RabbitMQ) queue. */
	AMQP("amqp"),

	/** A Kafka topic. */
	KAFKA("kafka"),

	/** The on-success or on-failure destination of another invocation. */
	DESTINATION("destination");

	private final String value;

	EventSource(String value) {
		this.value = value;
	}

	/**
	 * The wire value, as in the {@code Aloft-Source} and {@code Aloft-Trigger} headers.
	 * @return the value, e.g. {@code invoke-api}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Finds a source by its wire value.
	 * @param value the wire value
	 * @return the source, or empty when the value names none
	 */
	public static Optional<EventSource> of(String value) {
		return Arrays.stream(values()).filter((source) -> source.value.equals(value)).findFirst();
	}

	/**
	 * Every wire value, for error messages.
	 * @return the values, comma-separated
	 */
	static String allValues() {
		return String.join(", ", Arrays.stream(values()).map(EventSource::value).toList());
	}

}
