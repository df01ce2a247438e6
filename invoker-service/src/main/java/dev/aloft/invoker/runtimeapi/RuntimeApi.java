package dev.aloft.invoker.runtimeapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.aloft.http.Bodies;
import dev.aloft.invoker.pool.EnvironmentPool;
import dev.aloft.invoker.pool.NextInvocation;
import dev.aloft.invoker.pool.PlatformErrors;
import dev.aloft.invoker.pool.ResponseStream;
import dev.aloft.invoker.pool.RuntimeApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The Lambda Runtime API (2018-06-01), as {@code LAMBDA-CONTRACT.md} section 1 gives it.
 * Every path starts with the calling environment's secret, so one environment can never
 * fetch or answer another's invocations.
 * <p>
 * Served straight from the servlet request ({@link RuntimeApiPortFilter} hands each
 * Runtime API request here), not through Spring MVC: every invocation makes two of these
 * calls, {@code next} and {@code response}, and MVC's dispatch (handler lookup by
 * pattern, argument resolution, message conversion) took most of the invoker's time on
 * them in a JFR profile of {@code bench/hot-path.sh}.
 */
@Component
class RuntimeApi {

	private static final Logger logger = LoggerFactory.getLogger(RuntimeApi.class);

	/** Lambda's buffered response limit: 6 MiB + 100 bytes. */
	static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

	/** Lambda's limit for a response passed on as a stream: 200 MiB. */
	static final int MAX_STREAMED_BYTES = 200 * 1024 * 1024;

	/** The most of a stream passed on at once. */
	private static final int STREAM_READ_BYTES = 64 * 1024;

	/** The one API version served. */
	static final String VERSION = "2018-06-01";

	private static final String INVOCATION = "/runtime/invocation/";

	private static final String NEXT = INVOCATION + "next";

	private static final String INIT_ERROR = "/runtime/init/error";

	/** Where a pre-started runtime waits for its function. */
	static final String ASSIGNMENT = "/aloft/assignment";

	private static final byte[] NO_BODY = new byte[0];

	private static final String ERROR_CAUSE_TYPE = "application/vnd.aws.lambda.error.cause+json";

	private static final Pattern VALID_ERROR_TYPE = Pattern.compile("(Runtime|Function)\\.[A-Z][a-zA-Z]+");

	private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

	/** The request header that asks for a streamed response; its one valid value. */
	static final String RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode";

	private static final String STREAMING = "streaming";

	/** The trailers a streaming runtime sends when the handler failed mid-stream. */
	static final String ERROR_TYPE_TRAILER = "Lambda-Runtime-Function-Error-Type";

	static final String ERROR_BODY_TRAILER = "Lambda-Runtime-Function-Error-Body";

	/** The header that names a reported failure's type: the trailer's name. */
	private static final String ERROR_TYPE_HEADER = ERROR_TYPE_TRAILER;

	private static final String INVALID_RESPONSE_MODE_HEADER = "Runtime.InvalidResponseModeHeader";

	private final EnvironmentPool pool;

	private final JsonMapper jsonMapper;

	RuntimeApi(EnvironmentPool pool, JsonMapper jsonMapper) {
		this.pool = pool;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Answers one Runtime API request.
	 * @param path the request's path, parsed
	 * @param request the request
	 * @param response where the answer goes
	 * @throws IOException if the runtime's connection fails
	 */
	void serve(RuntimeApiPath path, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Answer answer;
		try {
			answer = answer(path, request);
		}
		catch (RuntimeApiException ex) {
			answer = error(HttpStatus.valueOf(ex.status()), ex.errorType(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			// The invoker is stopping.
			Thread.currentThread().interrupt();
			answer = error(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", "The invoker is stopping");
		}
		if (answer != null) {
			answer.writeTo(response);
		}
	}

	private @Nullable Answer answer(RuntimeApiPath path, HttpServletRequest request)
			throws IOException, InterruptedException {
		String call = path.call();
		if (!VERSION.equals(path.version())) {
			return notFound();
		}
		boolean get = "GET".equals(request.getMethod());
		boolean post = "POST".equals(request.getMethod());
		if (call.equals(NEXT)) {
			return get ? next(path.token()) : methodNotAllowed("GET");
		}
		if (call.equals(INIT_ERROR)) {
			return post ? initError(path.token(), request) : methodNotAllowed("POST");
		}
		if (call.equals(ASSIGNMENT)) {
			return get ? assignment(path.token()) : methodNotAllowed("GET");
		}
		if (call.startsWith(INVOCATION)) {
			int slash = call.indexOf('/', INVOCATION.length());
			if (slash > INVOCATION.length() && call.indexOf('/', slash + 1) == -1) {
				String requestId = UriUtils.decode(call.substring(INVOCATION.length(), slash), StandardCharsets.UTF_8);
				String action = call.substring(slash + 1);
				if (action.equals("response")) {
					return post ? response(path.token(), requestId, request) : methodNotAllowed("POST");
				}
				if (action.equals("error")) {
					return post ? error(path.token(), requestId, request) : methodNotAllowed("POST");
				}
			}
		}
		return notFound();
	}

	private Answer next(String token) throws InterruptedException {
		NextInvocation next = this.pool.awaitNext(token);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Lambda-Runtime-Aws-Request-Id", next.requestId());
		headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(next.deadlineEpochMillis()));
		headers.put("Lambda-Runtime-Invoked-Function-Arn", next.invokedFunctionArn());
		putIfPresent(headers, "Lambda-Runtime-Trace-Id", next.traceId());
		putIfPresent(headers, "Lambda-Runtime-Client-Context", next.clientContext());
		return new Answer(HttpStatus.OK, next.contentType(), headers, next.payload());
	}

	/**
	 * A buffered response, or a streamed one (response mode {@code streaming}, a chunked
	 * body, and, after a mid-stream failure, the error in trailers). A stream is passed
	 * on as it arrives when the caller takes it as one (a {@code RESPONSE_STREAM}
	 * function URL); otherwise it is gathered up to the buffered limit, as Lambda gathers
	 * the stream of a streaming function invoked with {@code Invoke}.
	 */
	private @Nullable Answer response(String token, String requestId, HttpServletRequest request) throws IOException {
		String mode = request.getHeader(RESPONSE_MODE);
		if (mode != null && !STREAMING.equals(mode)) {
			this.pool.fail(token, requestId,
					PlatformErrors.error(INVALID_RESPONSE_MODE_HEADER, "Invalid function response mode: " + mode),
					INVALID_RESPONSE_MODE_HEADER);
			return error(HttpStatus.BAD_REQUEST, "InvalidFunctionResponseMode", "Invalid function response mode");
		}
		if (mode != null) {
			String contentType = (request.getContentType() != null) ? request.getContentType()
					: MediaType.APPLICATION_OCTET_STREAM_VALUE;
			ResponseStream stream = this.pool.openStream(token, requestId, contentType);
			if (stream != null) {
				return passOn(token, requestId, request, stream, contentType);
			}
		}
		byte[] body = readAtMost(request, MAX_RESPONSE_BYTES);
		if (body.length > MAX_RESPONSE_BYTES) {
			this.pool.respondTooLarge(token, requestId, MAX_RESPONSE_BYTES);
			return error(HttpStatus.CONTENT_TOO_LARGE, "RequestEntityTooLarge",
					"Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).");
		}
		StreamError streamError = (mode != null) ? StreamError.of(request) : null;
		if (streamError != null) {
			this.pool.fail(token, requestId, streamError.body(), errorType(streamError.type(), streamError.body()));
			return accepted();
		}
		this.pool.respond(token, requestId, body, request.getContentType());
		return accepted();
	}

	/**
	 * Passes a streamed response on chunk by chunk, then ends the invocation as the
	 * trailers say. A caller that went away no longer gets chunks, but the runtime's
	 * stream is still read to its end, so that the runtime carries on normally.
	 */
	private @Nullable Answer passOn(String token, String requestId, HttpServletRequest request, ResponseStream stream,
			String contentType) {
		byte[] buffer = new byte[STREAM_READ_BYTES];
		long total = 0;
		boolean passing = true;
		try {
			InputStream in = request.getInputStream();
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				total += read;
				if (total > MAX_STREAMED_BYTES) {
					this.pool.respondTooLarge(token, requestId, MAX_STREAMED_BYTES);
					return error(HttpStatus.CONTENT_TOO_LARGE, "RequestEntityTooLarge",
							"Exceeded maximum allowed payload size (" + MAX_STREAMED_BYTES + " bytes).");
				}
				if (passing) {
					passing = stream.write(Arrays.copyOf(buffer, read));
				}
			}
		}
		catch (IOException ex) {
			// The runtime's connection broke mid-stream: it crashed or was ended at its
			// timeout, which ends the invocation (and cuts the stream short) on its own.
			logger.debug("The response stream of {} broke: {}", requestId, ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stream.abandon();
			return null;
		}
		StreamError streamError = StreamError.of(request);
		if (streamError != null) {
			this.pool.fail(token, requestId, streamError.body(), errorType(streamError.type(), streamError.body()));
		}
		else {
			this.pool.respond(token, requestId, NO_BODY, contentType);
		}
		return accepted();
	}

	private Answer error(String token, String requestId, HttpServletRequest request) throws IOException {
		byte[] body = errorBody(request);
		this.pool.fail(token, requestId, body, errorType(request.getHeader(ERROR_TYPE_HEADER), body));
		return accepted();
	}

	private Answer initError(String token, HttpServletRequest request) throws IOException {
		this.pool.initError(token, errorBody(request));
		return accepted();
	}

	/**
	 * Aloft's own addition, for its bundled bootstraps only: a pre-started runtime asks
	 * which function it runs, once, before it loads any code, and waits until it is given
	 * one. Only its own secret reaches this, and only while it has no function.
	 */
	private Answer assignment(String token) throws InterruptedException {
		Map<String, String> environment = this.pool.awaitAssignment(token);
		return new Answer(HttpStatus.OK, MediaType.APPLICATION_JSON_VALUE, Map.of(),
				this.jsonMapper.writeValueAsBytes(Map.of("environment", environment)));
	}

	/**
	 * The error body to forward: verbatim, except that Lambda strips {@code errorCause}
	 * from the error-cause content type.
	 */
	private byte[] errorBody(HttpServletRequest request) throws IOException {
		byte[] body = readAtMost(request, MAX_RESPONSE_BYTES);
		String contentType = request.getContentType();
		if (contentType != null && contentType.startsWith(ERROR_CAUSE_TYPE)) {
			try {
				JsonNode parsed = this.jsonMapper.readTree(body);
				if (parsed instanceof ObjectNode object) {
					object.remove("errorCause");
					return this.jsonMapper.writeValueAsBytes(object);
				}
			}
			catch (JacksonException ex) {
				return body;
			}
		}
		return body;
	}

	/**
	 * The error type for records: the header when it has Lambda's shape, else the body's
	 * {@code errorType}, as the runtime clients put it there.
	 */
	private String errorType(@Nullable String header, byte[] body) {
		if (header != null && VALID_ERROR_TYPE.matcher(header).matches()) {
			return header;
		}
		try {
			JsonNode type = this.jsonMapper.readTree(body).get("errorType");
			if (type != null && type.isString()) {
				return type.asString();
			}
		}
		catch (JacksonException ex) {
			// Not JSON: fall through.
		}
		return (header != null && header.startsWith("Function.")) ? "Function.Unknown" : "Runtime.Unknown";
	}

	private static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
		return Bodies.readAtMost(request.getInputStream(), request.getContentLengthLong(), limit);
	}

	private static void putIfPresent(Map<String, String> headers, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			headers.put(name, value);
		}
	}

	private static Answer accepted() {
		return new Answer(HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON_VALUE, Map.of(), ACCEPTED);
	}

	private static Answer notFound() {
		return error(HttpStatus.NOT_FOUND, "NotFound", "Not found");
	}

	private static Answer methodNotAllowed(String allowed) {
		return new Answer(HttpStatus.METHOD_NOT_ALLOWED, MediaType.APPLICATION_JSON_VALUE, Map.of("Allow", allowed),
				PlatformErrors.error("MethodNotAllowed", "Method not allowed"));
	}

	/**
	 * The failure a streaming runtime reported in the trailers of its response.
	 *
	 * @param type the error type trailer
	 * @param body the error JSON, decoded from the base64 body trailer
	 */
	private record StreamError(String type, byte[] body) {

		static @Nullable StreamError of(HttpServletRequest request) {
			if (!request.isTrailerFieldsReady()) {
				return null;
			}
			// The Servlet API promises lower-case names; Tomcat keeps the sender's case.
			Map<String, String> trailers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			trailers.putAll(request.getTrailerFields());
			String type = trailers.get(ERROR_TYPE_TRAILER);
			if (type == null || type.isBlank()) {
				return null;
			}
			String encoded = trailers.get(ERROR_BODY_TRAILER);
			byte[] body;
			try {
				body = (encoded != null) ? Base64.getDecoder().decode(encoded.strip()) : new byte[0];
			}
			catch (IllegalArgumentException ex) {
				body = new byte[0];
			}
			if (body.length == 0) {
				body = PlatformErrors.error(type, "The function failed while streaming its response");
			}
			return new StreamError(type, body);
		}

	}

	private static Answer error(HttpStatus status, String errorType, String message) {
		return new Answer(status, MediaType.APPLICATION_JSON_VALUE, Map.of(), PlatformErrors.error(errorType, message));
	}

	/**
	 * An answer to a Runtime API call.
	 *
	 * @param status the status
	 * @param contentType the body's content type
	 * @param headers further headers
	 * @param body the body
	 */
	private record Answer(HttpStatus status, String contentType, Map<String, String> headers, byte[] body) {

		void writeTo(HttpServletResponse response) throws IOException {
			response.setStatus(this.status.value());
			response.setContentType(this.contentType);
			this.headers.forEach(response::setHeader);
			response.setContentLength(this.body.length);
			response.getOutputStream().write(this.body);
		}

	}

}
