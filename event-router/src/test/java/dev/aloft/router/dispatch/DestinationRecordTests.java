package dev.aloft.router.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationRecordTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UUID ID = UUID.fromString("e4b46cbf-b738-4e2a-8880-a18cdf61200e");

	private static final Instant AT = Instant.parse("2019-11-14T18:16:05.568123Z");

	@Test
	void writesLambdasFailureRecordWithPayloadsEmbeddedAsTheyAre() {
		byte[] record = DestinationRecord.write(JSON,
				new DestinationRecord.Request(AT, ID,
						"arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST", "RetriesExhausted", 3,
						bytes("{ \"Success\": false }")),
				new DestinationRecord.Response(200, "$LATEST", "Unhandled",
						bytes("{\"errorMessage\":\"Failure\",\"errorType\":\"Error\"}")));

		assertThat(new String(record, StandardCharsets.UTF_8)).isEqualTo("{\"version\":\"1.0\","
				+ "\"timestamp\":\"2019-11-14T18:16:05.568Z\",\"requestContext\":{\"requestId\":\"" + ID + "\","
				+ "\"functionArn\":\"arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST\","
				+ "\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},"
				+ "\"requestPayload\":{ \"Success\": false },\"responseContext\":{\"statusCode\":200,"
				+ "\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},"
				+ "\"responsePayload\":{\"errorMessage\":\"Failure\",\"errorType\":\"Error\"}}");
	}

	@Test
	void aSuccessRecordHasNoFunctionError() {
		String record = write(bytes("[1,2]"), new DestinationRecord.Response(200, "7", null, bytes("\"ok\"")));

		assertThat(record).contains(
				"\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"7\"}," + "\"responsePayload\":\"ok\"}");
	}

	@Test
	void aRecordWithoutAnAttemptHasNoResponse() {
		String record = write(bytes("{}"), null);

		assertThat(record).endsWith("\"requestPayload\":{}}").doesNotContain("responseContext");
	}

	@Test
	void embedsPayloadsThatAreNotJsonAsStringsAndEmptyOnesAsNull() {
		assertThat(write(bytes("plain text"), new DestinationRecord.Response(200, "$LATEST", null, new byte[0])))
			.contains("\"requestPayload\":\"plain text\"")
			.endsWith("\"responsePayload\":null}");
		assertThat(write(bytes("{\"a\":1} trailing"), null)).contains("\"requestPayload\":\"{\\\"a\\\":1} trailing\"");
		assertThat(write(new byte[] { '{', (byte) 0xff, '}' }, null)).contains("\"requestPayload\":\"{\uFFFD}\"");
	}

	private static String write(byte[] payload, DestinationRecord.@Nullable Response response) {
		byte[] record = DestinationRecord.write(JSON, new DestinationRecord.Request(AT, ID,
				"arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST", "Success", 1, payload), response);
		JSON.readTree(record);
		return new String(record, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
