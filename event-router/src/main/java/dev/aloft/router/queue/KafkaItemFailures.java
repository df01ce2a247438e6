package dev.aloft.router.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.aloft.router.invoke.InvokeResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Kafka batch's partial failures, as a function with {@code ReportBatchItemFailures}
 * reports them: {@code {"batchItemFailures":[{"itemIdentifier":{"partition":"orders-0",
 * "offset":15}}]}}, the partition named as the event's {@code records} are keyed
 * ({@code <topic>-<partition>}). As for streams, a partition is retried from its lowest
 * reported offset: the records before it succeeded, and it and every later record of that
 * partition failed. Partitions not named succeeded. The rules that fail or succeed a
 * whole batch are {@link BatchItemFailures}'.
 */
final class KafkaItemFailures {

	private KafkaItemFailures() {
	}

	/**
	 * The records of a batch to try again, in their order.
	 * @param result how the invocation ended
	 * @param records the batch
	 * @param reportBatchItemFailures whether the mapping lets the function report them
	 * @return the failed records: all of them when the batch failed as a whole, none when
	 * it succeeded
	 */
	static List<ConsumerRecord<byte[], byte[]>> failed(InvokeResult result,
			List<ConsumerRecord<byte[], byte[]>> records, boolean reportBatchItemFailures) {
		List<ItemIdentifier> ids = records.stream().map(ItemIdentifier::of).toList();
		Set<ItemIdentifier> failed = BatchItemFailures.failed(result, ids, reportBatchItemFailures,
				KafkaItemFailures::identifier);
		Map<String, Long> retryFrom = new HashMap<>();
		for (ItemIdentifier id : failed) {
			retryFrom.merge(id.partition(), id.offset(), Math::min);
		}
		List<ConsumerRecord<byte[], byte[]>> again = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			Long from = retryFrom.get(KafkaRecords.partitionKey(record));
			if (from != null && record.offset() >= from) {
				again.add(record);
			}
		}
		return again;
	}

	private static @Nullable ItemIdentifier identifier(JsonNode node) {
		if (!node.isObject()) {
			return null;
		}
		JsonNode partition = node.get("partition");
		JsonNode offset = node.get("offset");
		if (partition == null || !partition.isString() || partition.asString().isEmpty() || offset == null
				|| !offset.isIntegralNumber()) {
			return null;
		}
		return new ItemIdentifier(partition.asString(), offset.asLong());
	}

	/**
	 * A record, as the function names it.
	 *
	 * @param partition {@code <topic>-<partition>}
	 * @param offset its offset
	 */
	record ItemIdentifier(String partition, long offset) {

		static ItemIdentifier of(ConsumerRecord<byte[], byte[]> record) {
			return new ItemIdentifier(KafkaRecords.partitionKey(record), record.offset());
		}

	}

}
