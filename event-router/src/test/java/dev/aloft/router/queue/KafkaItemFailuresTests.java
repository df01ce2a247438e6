package dev.aloft.router.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.aloft.router.invoke.InvokeResult;
import dev.aloft.router.invoke.InvokeResult.Kind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka batch's partial batch response: each named partition is retried from its lowest
 * reported offset, the other partitions succeed, and a malformed report fails the batch.
 */
class KafkaItemFailuresTests {

	private static final List<ConsumerRecord<byte[], byte[]>> BATCH = List.of(record("orders", 0, 10),
			record("orders", 0, 11), record("orders", 1, 5), record("orders", 0, 12), record("orders", 1, 6));

	@Test
	void aPartitionIsRetriedFromItsLowestReportedOffset() {
		List<ConsumerRecord<byte[], byte[]>> failed = failed(
				"{\"batchItemFailures\":[" + "{\"itemIdentifier\":{\"partition\":\"orders-0\",\"offset\":12}},"
						+ "{\"itemIdentifier\":{\"partition\":\"orders-0\",\"offset\":11}}]}");

		assertThat(failed).extracting(ConsumerRecord::offset).containsExactly(11L, 12L);
		assertThat(failed).extracting(ConsumerRecord::partition).containsOnly(0);
	}

	@Test
	void partitionsKeepTheirOrderWhenSeveralAreReported() {
		List<ConsumerRecord<byte[], byte[]>> failed = failed(
				"{\"batchItemFailures\":[" + "{\"itemIdentifier\":{\"partition\":\"orders-1\",\"offset\":5}},"
						+ "{\"itemIdentifier\":{\"partition\":\"orders-0\",\"offset\":12}}]}");

		assertThat(failed).containsExactly(BATCH.get(2), BATCH.get(3), BATCH.get(4));
	}

	@Test
	void malformedIdentifiersFailTheWholeBatch() {
		for (String identifier : List.of("\"orders-0-11\"", "{\"partition\":\"orders-0\"}",
				"{\"partition\":\"orders-0\",\"offset\":\"11\"}", "{\"partition\":\"\",\"offset\":11}",
				"{\"partition\":\"orders-0\",\"offset\":99}", "{\"partition\":\"other-0\",\"offset\":11}", "null")) {
			assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":" + identifier + "}]}")).as(identifier)
				.containsExactlyElementsOf(BATCH);
		}
	}

	@Test
	void anEmptyReportSucceedsTheWholeBatch() {
		assertThat(failed("{\"batchItemFailures\":[]}")).isEmpty();
		assertThat(failed("")).isEmpty();
	}

	private static List<ConsumerRecord<byte[], byte[]>> failed(String response) {
		InvokeResult result = new InvokeResult(Kind.SUCCESS, 200, "$LATEST", null,
				response.getBytes(StandardCharsets.UTF_8), "ok");
		return KafkaItemFailures.failed(result, BATCH, true);
	}

	private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset) {
		return new ConsumerRecord<>(topic, partition, offset, new byte[0], new byte[0]);
	}

}
