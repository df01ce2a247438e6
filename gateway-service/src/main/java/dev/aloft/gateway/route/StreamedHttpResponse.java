package dev.aloft.gateway.route;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.aloft.gateway.invoke.StreamedResponse;
import dev.aloft.gateway.system.ProblemType;
import dev.aloft.problems.PlatformException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * Writes a {@code RESPONSE_STREAM} function URL's response as the function streams it. A
 * stream of type {@value #HTTP_INTEGRATION} starts with a JSON prelude
 * ({@code statusCode}, {@code headers}, {@code cookies}) and eight NUL bytes, as Lambda's
 * {@code awslambda.HttpResponseStream.from} writes it; any other stream is the body of a
 * 200 of its own content type. Each chunk is flushed as it arrives.
 */
final class StreamedHttpResponse {

	/** The content type of a stream that starts with an HTTP prelude. */
	static final String HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";

	/** The most a prelude may take before its separator. */
	private static final int MAX_PRELUDE_BYTES = 64 * 1024;

	private static final byte[] SEPARATOR = new byte[8];

	private final JsonMapper jsonMapper;

	private final Set<String> reservedHeaders;

	StreamedHttpResponse(JsonMapper jsonMapper, Set<String> reservedHeaders) {
		this.jsonMapper = jsonMapper;
		this.reservedHeaders = reservedHeaders;
	}

	/**
	 * Writes the stream to the caller. Nothing is committed before the status and headers
	 * are known, so a function that fails before then still gets a problem response.
	 * @param stream the function's stream
	 * @param corsApplied whether the route's CORS headers are set already (the function's
	 * own then give way)
	 * @param response the caller's response
	 * @throws IOException when the stream broke off or the caller went away
	 */
	void write(StreamedResponse stream, boolean corsApplied, HttpServletResponse response) throws IOException {
		byte[] start;
		if (stream.contentType().toLowerCase(Locale.ROOT).startsWith(HTTP_INTEGRATION)) {
			start = applyPrelude(stream, corsApplied, response);
			if (start == null) {
				return;
			}
		}
		else {
			start = stream.next();
			if (start == null && !stream.complete()) {
				return;
			}
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(stream.contentType());
		}
		ServletOutputStream out = response.getOutputStream();
		if (start != null) {
			out.write(start);
		}
		out.flush();
		for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
			out.write(chunk);
			out.flush();
		}
	}

	/**
	 * Reads up to the prelude's separator and applies status, headers and cookies.
	 * @return the body bytes that came with the prelude, or null when the stream was cut
	 * short before its prelude ended
	 */
	private byte @Nullable [] applyPrelude(StreamedResponse stream, boolean corsApplied, HttpServletResponse response)
			throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		int separator = -1;
		while (separator < 0) {
			byte[] chunk = stream.next();
			if (chunk == null) {
				if (!stream.complete()) {
					return null;
				}
				throw malformed("The function's stream ended before its HTTP prelude did");
			}
			read.write(chunk);
			separator = indexOf(read.toByteArray(), SEPARATOR);
			if (separator < 0 && read.size() > MAX_PRELUDE_BYTES) {
				throw malformed("The function's HTTP prelude is longer than " + MAX_PRELUDE_BYTES + " bytes");
			}
		}
		byte[] bytes = read.toByteArray();
		JsonNode prelude;
		try {
			prelude = this.jsonMapper.readTree(Arrays.copyOf(bytes, separator));
		}
		catch (JacksonException ex) {
			throw malformed("The function's HTTP prelude is not JSON");
		}
		if (!prelude.isObject()) {
			throw malformed("The function's HTTP prelude is not a JSON object");
		}
		JsonNode status = prelude.path("statusCode");
		if (!status.isMissingNode() && (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599)) {
			throw malformed("The function's HTTP prelude has an invalid statusCode");
		}
		response.setStatus(status.isMissingNode() ? HttpServletResponse.SC_OK : status.asInt());
		for (Map.Entry<String, JsonNode> header : prelude.path("headers").properties()) {
			String name = header.getKey();
			if (this.reservedHeaders.contains(name.toLowerCase(Locale.ROOT))
					|| (corsApplied && CorsHeaders.isCorsHeader(name))) {
				continue;
			}
			response.addHeader(name,
					header.getValue().isString() ? header.getValue().asString() : header.getValue().toString());
		}
		for (JsonNode cookie : prelude.path("cookies")) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.asString());
		}
		return Arrays.copyOfRange(bytes, separator + SEPARATOR.length, bytes.length);
	}

	private static PlatformException malformed(String detail) {
		return new PlatformException(ProblemType.MALFORMED_FUNCTION_RESPONSE, detail);
	}

	private static int indexOf(byte[] bytes, byte[] target) {
		outer: for (int i = 0; i + target.length <= bytes.length; i++) {
			for (int j = 0; j < target.length; j++) {
				if (bytes[i + j] != target[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
