package dev.aloft.router.queue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event Lambda sends for a batch of a self-managed Kafka cluster's records, field for
 * field:
 * {@code {"eventSource":"SelfManagedKafka","bootstrapServers":…,"records":{"<topic>-<partition>":[{"topic","partition","offset","timestamp","timestampType","key","value","headers"}]}}},
 * with the key and value in base64 (no key when the record has none) and each header as
 * {@code {"name":[byte, …]}}.
 */
final class KafkaRecords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KafkaRecords() {
	}

	/**
	 * How Lambda's Kafka event keys a record's partition: {@code <topic>-<partition>}.
	 * @param record the record
	 * @return the key
	 */
	static String partitionKey(ConsumerRecord<byte[], byte[]> record) {
		return record.topic() + "-" + record.partition();
	}

	static byte[] event(List<ConsumerRecord<byte[], byte[]>> batch, String bootstrapServers) {
		ObjectNode event = JSON.createObjectNode();
		event.put("eventSource", "SelfManagedKafka");
		event.put("bootstrapServers", bootstrapServers);
		Map<String, ArrayNode> byPartition = new LinkedHashMap<>();
		ObjectNode records = event.putObject("records");
		for (ConsumerRecord<byte[], byte[]> record : batch) {
			ArrayNode partition = byPartition.computeIfAbsent(partitionKey(record), records::putArray);
			ObjectNode entry = partition.addObject();
			entry.put("topic", record.topic());
			entry.put("partition", record.partition());
			entry.put("offset", record.offset());
			entry.put("timestamp", record.timestamp());
			entry.put("timestampType", record.timestampType().name());
			if (record.key() != null) {
				entry.put("key", Base64.getEncoder().encodeToString(record.key()));
			}
			entry.put("value", (record.value() != null) ? Base64.getEncoder().encodeToString(record.value()) : null);
			ArrayNode headers = entry.putArray("headers");
			for (Header header : record.headers()) {
				ArrayNode bytes = headers.addObject().putArray(header.key());
				if (header.value() != null) {
					for (byte b : header.value()) {
						bytes.add(b);
					}
				}
			}
		}
		return JSON.writeValueAsBytes(event);
	}

}
