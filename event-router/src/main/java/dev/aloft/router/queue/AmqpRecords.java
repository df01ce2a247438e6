package dev.aloft.router.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.LongString;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RabbitMQ deliveries as SQS-shaped records, so that SQS handlers ({@code SQSEvent} and
 * friends) read them unchanged: {@code messageId} is the message's AMQP message id (or
 * one made from the delivery), {@code receiptHandle} the delivery tag, {@code body} the
 * body as UTF-8, {@code attributes} SQS's system attributes
 * ({@code ApproximateReceiveCount}, {@code SentTimestamp} from the AMQP timestamp,
 * {@code SenderId} from the app id), {@code messageAttributes} the AMQP headers,
 * {@code eventSource} {@code aws:sqs} and {@code eventSourceARN} the broker URI with the
 * queue.
 */
final class AmqpRecords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AmqpRecords() {
	}

	/**
	 * One delivery in a batch.
	 *
	 * @param delivery the delivery
	 * @param messageId its id in the event
	 * @param firstReceivedAtMillis when this router first received it
	 * @param receiveCount how many times it has been given to the function, counting this
	 * time
	 */
	record Received(Delivery delivery, String messageId, long firstReceivedAtMillis, int receiveCount) {

		long deliveryTag() {
			return this.delivery.getEnvelope().getDeliveryTag();
		}

		Received again() {
			return new Received(this.delivery, this.messageId, this.firstReceivedAtMillis, this.receiveCount + 1);
		}

	}

	static byte[] event(List<Received> batch, String sourceArn, String region) {
		ObjectNode event = JSON.createObjectNode();
		ArrayNode records = event.putArray("Records");
		for (Received received : batch) {
			Delivery delivery = received.delivery();
			AMQP.BasicProperties properties = delivery.getProperties();
			ObjectNode record = records.addObject();
			record.put("messageId", received.messageId());
			record.put("receiptHandle", Long.toString(received.deliveryTag()));
			record.put("body", new String(delivery.getBody(), StandardCharsets.UTF_8));
			ObjectNode attributes = record.putObject("attributes");
			attributes.put("ApproximateReceiveCount", Integer.toString(received.receiveCount()));
			attributes.put("SentTimestamp", Long.toString((properties.getTimestamp() != null)
					? properties.getTimestamp().getTime() : received.firstReceivedAtMillis()));
			attributes.put("SenderId", (properties.getAppId() != null) ? properties.getAppId() : "");
			attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(received.firstReceivedAtMillis()));
			ObjectNode messageAttributes = record.putObject("messageAttributes");
			Map<String, Object> headers = (properties.getHeaders() != null) ? new TreeMap<>(properties.getHeaders())
					: Map.of();
			headers.forEach((name, value) -> messageAttributes.set(name, attribute(value)));
			record.put("md5OfBody", md5(delivery.getBody()));
			record.put("eventSource", "aws:sqs");
			record.put("eventSourceARN", sourceArn);
			record.put("awsRegion", region);
		}
		return JSON.writeValueAsBytes(event);
	}

	private static ObjectNode attribute(Object value) {
		ObjectNode attribute = JSON.createObjectNode();
		String dataType;
		if (value instanceof byte[] bytes) {
			attribute.put("binaryValue", Base64.getEncoder().encodeToString(bytes));
			dataType = "Binary";
		}
		else if (value instanceof Number number) {
			attribute.put("stringValue", number.toString());
			dataType = "Number";
		}
		else {
			attribute.put("stringValue", (value instanceof LongString text) ? text.toString() : String.valueOf(value));
			dataType = "String";
		}
		attribute.putArray("stringListValues");
		attribute.putArray("binaryListValues");
		attribute.put("dataType", dataType);
		return attribute;
	}

	static String md5(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

}
