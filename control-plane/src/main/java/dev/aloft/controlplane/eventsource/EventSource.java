package dev.aloft.controlplane.eventsource;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.aloft.contracts.config.EventSourceMappingConfig.SourceType;
import org.jspecify.annotations.Nullable;

/**
 * Where a mapping reads records from, checked for its type: an SQS queue by ARN
 * (optionally with the URL of the SQS-compatible server), a RabbitMQ queue at one AMQP
 * endpoint, or a Kafka topic on bootstrap servers. Two mappings of one function may not
 * read the same source.
 * <p>
 * RabbitMQ URIs carry no credentials: the router takes them from its own configuration,
 * so no secret is stored here.
 *
 * @param type the kind of source
 * @param eventSourceArn the SQS queue's ARN; null for other types
 * @param endpoints server addresses, as given
 * @param topics the Kafka topic, or empty
 * @param queues the RabbitMQ queue, or empty
 */
record EventSource(SourceType type, @Nullable String eventSourceArn, List<String> endpoints, List<String> topics,
		List<String> queues) {

	private static final Pattern SQS_ARN = Pattern
		.compile("arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]{1,64}:[0-9]{12}:(?=.{1,80}$)([A-Za-z0-9_-]+(\\.fifo)?)");

	private static final Pattern KAFKA_SERVER = Pattern
		.compile("([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]):([0-9]{1,5})");

	private static final Pattern KAFKA_TOPIC = Pattern.compile("(?!\\.{1,2}$)[a-zA-Z0-9._-]{1,249}");

	private static final int MAX_KAFKA_SERVERS = 10;

	/**
	 * The source a request names, checked for its type.
	 * @param request the request
	 * @return the source
	 * @throws InvalidTriggerException when the source is incomplete or malformed
	 */
	static EventSource of(EventSourceMappingRequest request) {
		List<String> endpoints = Objects.requireNonNullElse(request.endpoints(), List.of());
		List<String> topics = Objects.requireNonNullElse(request.topics(), List.of());
		List<String> queues = Objects.requireNonNullElse(request.queues(), List.of());
		return switch (request.sourceType()) {
			case SQS -> sqs(request.eventSourceArn(), endpoints, topics, queues);
			case RABBITMQ -> rabbitMq(request.eventSourceArn(), endpoints, topics, queues);
			case KAFKA -> kafka(request.eventSourceArn(), endpoints, topics, queues);
		};
	}

	private static EventSource sqs(@Nullable String arn, List<String> endpoints, List<String> topics,
			List<String> queues) {
		if (arn == null) {
			throw new InvalidTriggerException("/eventSourceArn",
					"An SQS mapping needs eventSourceArn, the queue's ARN: arn:aws:sqs:<region>:<account>:<queue>");
		}
		if (!SQS_ARN.matcher(arn).matches()) {
			throw new InvalidTriggerException("/eventSourceArn", "eventSourceArn '" + arn
					+ "' is not an SQS queue ARN: arn:aws:sqs:<region>:<12-digit account>:<queue name>");
		}
		if (endpoints.size() > 1) {
			throw new InvalidTriggerException("/endpoints",
					"An SQS mapping takes at most one endpoint: the URL of the SQS-compatible server");
		}
		for (String endpoint : endpoints) {
			URI uri = uri(endpoint);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new InvalidTriggerException("/endpoints/0", "Endpoint '" + endpoint
						+ "' must be the http(s) URL of the SQS-compatible server, without credentials or query");
			}
		}
		requireNone("/topics", topics, "topics are for Kafka mappings");
		requireNone("/queues", queues, "queues are for RabbitMQ mappings; an SQS queue is named by eventSourceArn");
		return new EventSource(SourceType.SQS, arn, List.copyOf(endpoints), List.of(), List.of());
	}

	private static EventSource rabbitMq(@Nullable String arn, List<String> endpoints, List<String> topics,
			List<String> queues) {
		requireNoArn(arn, "A RabbitMQ mapping names its broker by an amqp:// URI in endpoints, not by an ARN");
		if (endpoints.size() != 1) {
			throw new InvalidTriggerException("/endpoints",
					"A RabbitMQ mapping needs exactly one endpoint: amqp://host[:port][/vhost] or amqps://...");
		}
		String endpoint = endpoints.getFirst();
		URI uri = uri(endpoint);
		if (uri.getRawUserInfo() != null) {
			throw new InvalidTriggerException("/endpoints/0",
					"Put no credentials in the endpoint URI: the router takes RabbitMQ credentials from its "
							+ "configuration, and the control plane does not store secrets in mappings");
		}
		if (!("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme())) || uri.getHost() == null
				|| uri.getRawFragment() != null) {
			throw new InvalidTriggerException("/endpoints/0",
					"Endpoint '" + endpoint + "' must be an AMQP URI: amqp://host[:port][/vhost] or amqps://...");
		}
		if (queues.size() != 1) {
			throw new InvalidTriggerException("/queues", "A RabbitMQ mapping needs exactly one queue");
		}
		requireNone("/topics", topics, "topics are for Kafka mappings");
		return new EventSource(SourceType.RABBITMQ, null, List.copyOf(endpoints), List.of(), List.copyOf(queues));
	}

	private static EventSource kafka(@Nullable String arn, List<String> endpoints, List<String> topics,
			List<String> queues) {
		requireNoArn(arn,
				"A Kafka mapping names its cluster by bootstrap servers (host:port) in endpoints, " + "not by an ARN");
		if (endpoints.isEmpty() || endpoints.size() > MAX_KAFKA_SERVERS) {
			throw new InvalidTriggerException("/endpoints",
					"A Kafka mapping needs 1 to " + MAX_KAFKA_SERVERS + " bootstrap servers, host:port");
		}
		for (int i = 0; i < endpoints.size(); i++) {
			Matcher server = KAFKA_SERVER.matcher(endpoints.get(i));
			int port = server.matches() ? Integer.parseInt(server.group(3)) : 0;
			if (port < 1 || port > 65535) {
				throw new InvalidTriggerException("/endpoints/" + i,
						"Bootstrap server '" + endpoints.get(i) + "' must be host:port, with a port of 1-65535");
			}
		}
		if (topics.size() != 1) {
			throw new InvalidTriggerException("/topics", "A Kafka mapping needs exactly one topic");
		}
		if (!KAFKA_TOPIC.matcher(topics.getFirst()).matches()) {
			throw new InvalidTriggerException("/topics/0", "Topic '" + topics.getFirst()
					+ "' is not a valid Kafka topic name: letters, digits, '.', '_' and '-'");
		}
		requireNone("/queues", queues, "queues are for RabbitMQ mappings");
		return new EventSource(SourceType.KAFKA, null, List.copyOf(endpoints), List.copyOf(topics), List.of());
	}

	private static URI uri(String endpoint) {
		try {
			return new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidTriggerException("/endpoints/0", "Endpoint '" + endpoint + "' is not a valid URI");
		}
	}

	private static void requireNoArn(@Nullable String arn, String detail) {
		if (arn != null) {
			throw new InvalidTriggerException("/eventSourceArn", detail);
		}
	}

	private static void requireNone(String pointer, List<String> values, String detail) {
		if (!values.isEmpty()) {
			throw new InvalidTriggerException(pointer, detail);
		}
	}

	/**
	 * Whether the source is an SQS FIFO queue.
	 * @return true for a {@code .fifo} queue
	 */
	boolean fifo() {
		return this.type == SourceType.SQS && this.eventSourceArn != null && this.eventSourceArn.endsWith(".fifo");
	}

	/**
	 * The source's identity, for the uniqueness of (function, source): the SHA-256 (hex)
	 * of its type, ARN, endpoints (Kafka's in any order and case), topic and queue.
	 * @return the key
	 */
	String key() {
		List<String> servers = (this.type == SourceType.KAFKA)
				? this.endpoints.stream().map((server) -> server.toLowerCase(Locale.ROOT)).sorted().toList()
				: this.endpoints;
		String identity = String.join("\n", this.type.name(), Objects.requireNonNullElse(this.eventSourceArn, ""),
				String.join(",", servers), String.join(",", this.topics), String.join(",", this.queues));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * The field that differs from another source, for a request that tries to change a
	 * mapping's source.
	 * @param other the other source
	 * @return the field's JSON pointer, or null when both are the same source
	 */
	@Nullable String changedField(EventSource other) {
		if (this.type != other.type) {
			return "/sourceType";
		}
		if (key().equals(other.key())) {
			return null;
		}
		if (!Objects.equals(this.eventSourceArn, other.eventSourceArn)) {
			return "/eventSourceArn";
		}
		if (!this.topics.equals(other.topics)) {
			return "/topics";
		}
		return this.queues.equals(other.queues) ? "/endpoints" : "/queues";
	}

	/**
	 * Lambda's message for a second mapping of this source to a function.
	 * @param function the function
	 * @param existingId the mapping that already reads the source, if known
	 * @return the message
	 */
	String conflictMessage(String function, @Nullable Object existingId) {
		String existing = (existingId != null) ? " with UUID " + existingId : "";
		String what = switch (this.type) {
			case SQS -> "SQS arn (\" " + this.eventSourceArn + " \") and function (\" " + function + " \")";
			case KAFKA -> "event source (\" " + String.join(",", this.endpoints) + " \"), function (\" " + function
					+ " \"), topics (\" " + String.join(",", this.topics) + " \")";
			case RABBITMQ -> "event source (\" " + String.join(",", this.endpoints) + " \"), function (\" " + function
					+ " \"), queues (\" " + String.join(",", this.queues) + " \")";
		};
		return "An event source mapping with " + what + " already exists. Please update or delete the existing mapping"
				+ existing;
	}

}
