package dev.aloft.contracts.invoke;

/**
 * The invoker's internal invoke API.
 * <p>
 * {@code POST} {@link #INVOKE_PATH} with the raw event as the body and the
 * {@code Aloft-*} request headers below. A function that ran answers {@code 200} with the
 * raw result (or the error JSON) as the body and the response headers below. Other
 * statuses are platform problems (RFC 9457 bodies): {@code 404} unknown function version,
 * {@code 429} no capacity now, {@code 413} payload too large, {@code 503} shutting down.
 * A {@code 429} or {@code 503} means the function did not start, so the caller may try
 * another invoker.
 */
public final class InvokerApi {

	/** Path of a synchronous invocation. */
	public static final String INVOKE_PATH = "/internal/v1/namespaces/{namespace}/functions/{function}/versions/{version}/invocations";

	/** Request header: the Lambda request id (a UUID) the caller assigned. */
	public static final String REQUEST_ID = "Aloft-Request-Id";

	/**
	 * Request header: the configuration revision at which the caller resolved the
	 * version; the invoker waits for its own view to reach it.
	 */
	public static final String CONFIG_REVISION = "Aloft-Config-Revision";

	/** Request header: the ARN the caller used (unqualified, version or alias). */
	public static final String INVOKED_FUNCTION_ARN = "Aloft-Invoked-Function-Arn";

	/**
	 * Request header: the trace header, passed to the runtime as
	 * {@code Lambda-Runtime-Trace-Id}.
	 */
	public static final String TRACE_ID = "Aloft-Trace-Id";

	/** Request header: the client context JSON (already base64-decoded). */
	public static final String CLIENT_CONTEXT = "Aloft-Client-Context";

	/** Request header: {@code Tail} asks for the last 4 KB of the invocation's log. */
	public static final String LOG_TYPE = "Aloft-Log-Type";

	/** Request header: what triggered the invocation (for records and metrics). */
	public static final String TRIGGER = "Aloft-Trigger";

	/** Response header: the {@link InvocationOutcome}. */
	public static final String OUTCOME = "Aloft-Outcome";

	/**
	 * Response header: {@code Unhandled} when the body is an error, as Lambda's
	 * X-Amz-Function-Error.
	 */
	public static final String FUNCTION_ERROR = "Aloft-Function-Error";

	/**
	 * Response header: the error type, e.g. {@code Sandbox.Timedout} or
	 * {@code Runtime.ExitError}.
	 */
	public static final String ERROR_TYPE = "Aloft-Error-Type";

	/** Response header: the version that ran. */
	public static final String EXECUTED_VERSION = "Aloft-Executed-Version";

	/** Response header: base64 of the last 4 KB of log output, when asked for. */
	public static final String LOG_RESULT = "Aloft-Log-Result";

	/**
	 * Value of {@link #FUNCTION_ERROR} for every error, as current Lambda runtimes
	 * report.
	 */
	public static final String UNHANDLED = "Unhandled";

	/**
	 * Request header: {@code true} when the caller can take the function's response as a
	 * stream (a {@code RESPONSE_STREAM} function URL). Without it, a streamed response is
	 * gathered and answered buffered.
	 */
	public static final String ACCEPT_RESPONSE_STREAM = "Aloft-Accept-Response-Stream";

	/**
	 * Response header: {@code true} when the body is the function's response stream,
	 * passed on as the runtime writes it, in frames: each a 4-byte big-endian length and
	 * that many bytes, then a last frame of length {@link #STREAM_COMPLETE} (the function
	 * succeeded) or {@link #STREAM_FAILED} (it failed or timed out mid-stream; what came
	 * before is all there is), which one more frame follows: the error JSON
	 * ({@code errorType}, {@code errorMessage}). {@code Content-Type} is the stream's
	 * own.
	 */
	public static final String RESPONSE_STREAMED = "Aloft-Response-Streamed";

	/** The length of the frame that ends a complete stream. */
	public static final int STREAM_COMPLETE = 0;

	/** The length of the frame that ends a stream cut short. */
	public static final int STREAM_FAILED = -1;

	/** Value of {@link #LOG_TYPE} that asks for the log tail. */
	public static final String LOG_TYPE_TAIL = "Tail";

	private InvokerApi() {
	}

}
