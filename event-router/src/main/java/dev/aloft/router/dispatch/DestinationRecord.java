package dev.aloft.router.dispatch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lambda's destination invocation record (version 1.0), written field by field in
 * Lambda's order:
 *
 * <pre>
 * {"version":"1.0","timestamp":"2019-11-14T18:16:05.568Z",
 *  "requestContext":{"requestId":"…","functionArn":"…:function:fn:$LATEST","condition":"Success","approximateInvokeCount":1},
 *  "requestPayload":{…},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "responsePayload":{…}}
 * </pre>
 *
 * The request and response payloads are embedded as the JSON they are, byte for byte; a
 * payload that is not JSON is embedded as a JSON string, an empty one as {@code null}.
 * When no attempt reached the function ({@code ZeroReservedConcurrency}, or an event that
 * aged out while throttled) there is no {@code responseContext} or
 * {@code responsePayload}.
 */
final class DestinationRecord {

	/** The record's {@code condition} on success. */
	static final String SUCCESS = "Success";

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private DestinationRecord() {
	}

	/**
	 * Writes a record.
	 * @param jsonMapper the mapper to write and check JSON with
	 * @param request what was invoked
	 * @param response what the last attempt that reached the function answered, or null
	 * when none did
	 * @return the record's JSON
	 */
	static byte[] write(JsonMapper jsonMapper, Request request, @Nullable Response response) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				256 + request.payload().length + ((response != null) ? response.payload().length : 0));
		try (JsonGenerator json = jsonMapper.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("version", "1.0");
			json.writeStringProperty("timestamp", TIMESTAMP.format(request.timestamp()));
			json.writeName("requestContext");
			json.writeStartObject();
			json.writeStringProperty("requestId", request.requestId().toString());
			json.writeStringProperty("functionArn", request.functionArn());
			json.writeStringProperty("condition", request.condition());
			json.writeNumberProperty("approximateInvokeCount", request.approximateInvokeCount());
			json.writeEndObject();
			json.writeName("requestPayload");
			writePayload(jsonMapper, json, request.payload());
			if (response != null) {
				json.writeName("responseContext");
				json.writeStartObject();
				json.writeNumberProperty("statusCode", response.statusCode());
				json.writeStringProperty("executedVersion", response.executedVersion());
				if (response.functionError() != null) {
					json.writeStringProperty("functionError", response.functionError());
				}
				json.writeEndObject();
				json.writeName("responsePayload");
				writePayload(jsonMapper, json, response.payload());
			}
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void writePayload(JsonMapper jsonMapper, JsonGenerator json, byte[] payload) {
		if (payload.length == 0) {
			json.writeNull();
			return;
		}
		String text = utf8(payload);
		if (text != null && isJson(jsonMapper, text)) {
			json.writeRawValue(text);
		}
		else {
			json.writeString(new String(payload, StandardCharsets.UTF_8));
		}
	}

	private static @Nullable String utf8(byte[] payload) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(payload))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static boolean isJson(JsonMapper jsonMapper, String text) {
		if (text.isBlank()) {
			return false;
		}
		try {
			jsonMapper.readTree(text);
			return true;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * The invocation a record is about.
	 *
	 * @param timestamp when the record was written
	 * @param requestId the invocation's request id
	 * @param functionArn the qualified ARN invoked
	 * @param condition {@code Success}, {@code RetriesExhausted},
	 * {@code EventAgeExceeded} or {@code ZeroReservedConcurrency}
	 * @param approximateInvokeCount the attempts that reached the function
	 * @param payload the event
	 */
	record Request(Instant timestamp, UUID requestId, String functionArn, String condition, int approximateInvokeCount,
			byte[] payload) {
	}

	/**
	 * What the function answered.
	 *
	 * @param statusCode the invoke status, 200 whenever the function ran
	 * @param executedVersion the version that ran
	 * @param functionError {@code Unhandled} when the answer is an error
	 * @param payload the result or error JSON
	 */
	record Response(int statusCode, String executedVersion, @Nullable String functionError, byte[] payload) {
	}

}
