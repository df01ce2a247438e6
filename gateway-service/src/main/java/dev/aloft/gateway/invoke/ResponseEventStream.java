package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.aloft.contracts.invoke.InvocationOutcome;
import dev.aloft.gateway.awsapi.EventStreamMessage;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer of {@code InvokeWithResponseStream}: {@code 200} with the stream's content
 * type, then an AWS event stream of {@code PayloadChunk} events, one per chunk as the
 * function writes it, and one {@code InvokeComplete} event, whose {@code ErrorCode} and
 * {@code ErrorDetails} say whether the function failed. A function that does not stream
 * answers in one chunk.
 */
final class ResponseEventStream {

	private static final String CHUNK_CONTENT_TYPE = "application/octet-stream";

	private static final byte[] INTERRUPTED = ("{\"errorType\":\"Aloft.StreamInterrupted\","
			+ "\"errorMessage\":\"The response stream broke off before it ended\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServletResponse response;

	private final String requestId;

	private final String executedVersion;

	private final JsonMapper jsonMapper;

	private byte @Nullable [] streamError;

	private boolean started;

	ResponseEventStream(HttpServletResponse response, String requestId, String executedVersion, JsonMapper jsonMapper) {
		this.response = response;
		this.requestId = requestId;
		this.executedVersion = executedVersion;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Passes a streamed response on, a {@code PayloadChunk} per chunk.
	 * @param stream the function's stream
	 * @throws IOException when the stream broke off or the caller went away
	 */
	void write(StreamedResponse stream) throws IOException {
		start(stream.contentType());
		for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
			send("PayloadChunk", CHUNK_CONTENT_TYPE, chunk);
		}
		this.streamError = stream.error();
	}

	/**
	 * Ends the answer once the invocation has ended: a buffered response as one chunk,
	 * then {@code InvokeComplete}.
	 * @param reply what the invocation came to
	 * @throws IOException when the caller went away
	 */
	void finish(InvokeReply reply) throws IOException {
		if (reply.streamed()) {
			if (reply.outcome() == InvocationOutcome.SUCCESS) {
				complete(null, null);
			}
			else {
				// Without the function's error, the invoker's answer itself broke off.
				complete((this.streamError != null) ? this.streamError : INTERRUPTED, null);
			}
			return;
		}
		start(reply.contentType());
		if (reply.outcome() == InvocationOutcome.SUCCESS) {
			if (reply.body().length > 0) {
				send("PayloadChunk", CHUNK_CONTENT_TYPE, reply.body());
			}
			complete(null, reply.logResult());
		}
		else {
			complete(reply.body(), reply.logResult());
		}
	}

	private void start(String contentType) {
		if (this.started) {
			return;
		}
		this.started = true;
		this.response.setStatus(HttpServletResponse.SC_OK);
		this.response.setHeader("x-amzn-RequestId", this.requestId);
		this.response.setHeader("X-Amz-Executed-Version", this.executedVersion);
		this.response.setContentType(contentType);
	}

	/**
	 * {@code InvokeComplete}: no error fields after a success; after a failure the
	 * error's type and message.
	 */
	private void complete(byte @Nullable [] error, @Nullable String logResult) throws IOException {
		Map<String, String> fields = new LinkedHashMap<>();
		if (error != null) {
			JsonNode parsed = parse(error);
			fields.put("ErrorCode",
					parsed.path("errorType").isString() ? parsed.path("errorType").asString() : "Unhandled");
			fields.put("ErrorDetails", parsed.path("errorMessage").isString() ? parsed.path("errorMessage").asString()
					: new String(error, StandardCharsets.UTF_8));
		}
		if (logResult != null) {
			fields.put("LogResult", logResult);
		}
		send("InvokeComplete", "application/json", this.jsonMapper.writeValueAsBytes(fields));
	}

	private JsonNode parse(byte[] error) {
		try {
			return this.jsonMapper.readTree(error);
		}
		catch (RuntimeException ex) {
			return this.jsonMapper.createObjectNode();
		}
	}

	private void send(String eventType, String contentType, byte[] payload) throws IOException {
		ServletOutputStream out = this.response.getOutputStream();
		out.write(EventStreamMessage.event(eventType, contentType, payload));
		out.flush();
	}

}
