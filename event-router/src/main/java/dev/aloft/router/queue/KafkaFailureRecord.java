package dev.aloft.router.queue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.router.invoke.InvokeResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record Lambda sends to a Kafka mapping's on-failure destination (SQS and SNS form:
 * metadata only, not the records), field by field in Lambda's order:
 *
 * <pre>
 * {"requestContext":{"requestId":"…","functionArn":"…:function:fn","condition":"RetryAttemptsExhausted","approximateInvokeCount":1},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "version":"1.0","timestamp":"2019-11-14T00:38:06.021Z",
 *  "KafkaBatchInfo":{"batchSize":500,"eventSourceArn":"…","bootstrapServers":"…","payloadSize":2039086,
 *    "recordsInfo":{"topic-0":{"firstRecordOffset":"15","lastRecordOffset":"20",
 *      "firstRecordTimestamp":"2019-11-14T00:38:04.835Z","lastRecordTimestamp":"2019-11-14T00:38:05.580Z"}}}}
 * </pre>
 *
 * Offsets are strings, timestamps ISO-8601 with milliseconds. {@code responseContext} is
 * {@code null} when no invocation reached the function (records too old before their
 * first attempt); {@code eventSourceArn} is left out for a self-managed cluster, which
 * has none.
 */
final class KafkaFailureRecord {

	/** Condition: the batch failed and used up its retries. */
	static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";

	/**
	 * Condition: the records grew older than {@code maximumRecordAgeInSeconds}. Lambda
	 * documents the condition only for exhausted retries; this is the name its stream
	 * pollers use.
	 */
	static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private KafkaFailureRecord() {
	}

	/**
	 * Writes a record.
	 * @param jsonMapper the mapper to write JSON with
	 * @param source the mapping the records came through
	 * @param failure what failed
	 * @param records the records given up on, in the order read
	 * @return the record's JSON
	 */
	static byte[] write(JsonMapper jsonMapper, Source source, Failure failure,
			List<ConsumerRecord<byte[], byte[]>> records) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator json = jsonMapper.createGenerator(out)) {
			json.writeStartObject();
			json.writeName("requestContext");
			json.writeStartObject();
			json.writeStringProperty("requestId", failure.requestId());
			json.writeStringProperty("functionArn", source.functionArn());
			json.writeStringProperty("condition", failure.condition());
			json.writeNumberProperty("approximateInvokeCount", failure.approximateInvokeCount());
			json.writeEndObject();
			json.writeName("responseContext");
			InvokeResult response = failure.lastResponse();
			if (response == null) {
				json.writeNull();
			}
			else {
				json.writeStartObject();
				json.writeNumberProperty("statusCode", 200);
				json.writeStringProperty("executedVersion",
						(response.executedVersion() != null) ? response.executedVersion() : source.qualifier());
				if (response.kind() != InvokeResult.Kind.SUCCESS) {
					json.writeStringProperty("functionError", InvokerApi.UNHANDLED);
				}
				json.writeEndObject();
			}
			json.writeStringProperty("version", "1.0");
			json.writeStringProperty("timestamp", TIMESTAMP.format(failure.timestamp()));
			json.writeName("KafkaBatchInfo");
			json.writeStartObject();
			json.writeNumberProperty("batchSize", records.size());
			if (source.eventSourceArn() != null) {
				json.writeStringProperty("eventSourceArn", source.eventSourceArn());
			}
			json.writeStringProperty("bootstrapServers", source.bootstrapServers());
			json.writeNumberProperty("payloadSize", KafkaRecords.event(records, source.bootstrapServers()).length);
			json.writeName("recordsInfo");
			json.writeStartObject();
			for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> partition : byPartition(records).entrySet()) {
				ConsumerRecord<byte[], byte[]> first = partition.getValue().getFirst();
				ConsumerRecord<byte[], byte[]> last = partition.getValue().getLast();
				json.writeName(partition.getKey());
				json.writeStartObject();
				json.writeStringProperty("firstRecordOffset", Long.toString(first.offset()));
				json.writeStringProperty("lastRecordOffset", Long.toString(last.offset()));
				json.writeStringProperty("firstRecordTimestamp",
						TIMESTAMP.format(Instant.ofEpochMilli(first.timestamp())));
				json.writeStringProperty("lastRecordTimestamp",
						TIMESTAMP.format(Instant.ofEpochMilli(last.timestamp())));
				json.writeEndObject();
			}
			json.writeEndObject();
			json.writeEndObject();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static Map<String, List<ConsumerRecord<byte[], byte[]>>> byPartition(
			List<ConsumerRecord<byte[], byte[]>> records) {
		Map<String, List<ConsumerRecord<byte[], byte[]>>> partitions = new LinkedHashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			partitions.computeIfAbsent(KafkaRecords.partitionKey(record), (key) -> new ArrayList<>()).add(record);
		}
		return partitions;
	}

	/**
	 * The mapping records came through.
	 *
	 * @param functionArn the ARN the mapping invokes
	 * @param qualifier the mapping's qualifier, for {@code executedVersion} when the
	 * invoker did not say
	 * @param eventSourceArn the cluster's ARN, or null for a self-managed cluster
	 * @param bootstrapServers the cluster's bootstrap servers
	 */
	record Source(String functionArn, String qualifier, @Nullable String eventSourceArn, String bootstrapServers) {
	}

	/**
	 * What a failure record reports.
	 *
	 * @param requestId the last invocation's request id (a fresh one when none was made)
	 * @param condition {@link #RETRIES_EXHAUSTED} or {@link #RECORD_AGE_EXCEEDED}
	 * @param approximateInvokeCount the invocations that included the records
	 * @param lastResponse the last answer from the function, or null when none came
	 * @param timestamp when the records were given up on
	 */
	record Failure(String requestId, String condition, int approximateInvokeCount, @Nullable InvokeResult lastResponse,
			Instant timestamp) {
	}

}
