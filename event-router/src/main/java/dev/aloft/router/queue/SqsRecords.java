package dev.aloft.router.queue;

import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event Lambda sends for a batch of SQS messages, field for field:
 * {@code {"Records":[{"messageId","receiptHandle","body","attributes","messageAttributes","md5OfBody","eventSource":"aws:sqs","eventSourceARN","awsRegion"}]}}.
 * Attribute values are strings; a message attribute is
 * {@code {"stringValue"|"binaryValue","stringListValues":[],"binaryListValues":[],"dataType"}}.
 */
final class SqsRecords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SqsRecords() {
	}

	static byte[] event(List<Message> messages, String queueArn, String region) {
		ObjectNode event = JSON.createObjectNode();
		ArrayNode records = event.putArray("Records");
		for (Message message : messages) {
			ObjectNode record = records.addObject();
			record.put("messageId", message.messageId());
			record.put("receiptHandle", message.receiptHandle());
			record.put("body", message.body());
			ObjectNode attributes = record.putObject("attributes");
			new TreeMap<>(message.attributesAsStrings()).forEach(attributes::put);
			ObjectNode messageAttributes = record.putObject("messageAttributes");
			new TreeMap<>(message.messageAttributes())
				.forEach((name, value) -> messageAttributes.set(name, attribute(value)));
			record.put("md5OfBody", message.md5OfBody());
			record.put("eventSource", "aws:sqs");
			record.put("eventSourceARN", queueArn);
			record.put("awsRegion", region);
		}
		return JSON.writeValueAsBytes(event);
	}

	/**
	 * Lambda's form of a message attribute.
	 */
	static ObjectNode attribute(MessageAttributeValue value) {
		ObjectNode attribute = JSON.createObjectNode();
		if (value.stringValue() != null) {
			attribute.put("stringValue", value.stringValue());
		}
		if (value.binaryValue() != null) {
			attribute.put("binaryValue", base64(value.binaryValue()));
		}
		ArrayNode strings = attribute.putArray("stringListValues");
		value.stringListValues().forEach(strings::add);
		ArrayNode binaries = attribute.putArray("binaryListValues");
		value.binaryListValues().forEach((bytes) -> binaries.add(base64(bytes)));
		attribute.put("dataType", value.dataType());
		return attribute;
	}

	private static String base64(SdkBytes bytes) {
		return Base64.getEncoder().encodeToString(bytes.asByteArray());
	}

	/**
	 * The message ids of a batch, in order.
	 */
	static List<String> ids(List<Message> messages) {
		return messages.stream().map(Message::messageId).toList();
	}

}
