package dev.aloft.contracts.router;

/**
 * The event router's internal API (needs the internal token).
 * <p>
 * {@code POST} {@link #ENQUEUE_PATH}{@code ?qualifier=} with the raw event (at most 1
 * MiB) answers {@code 202 {"invocationId": ...}} once the event is stored durably, with
 * {@code Location:} {@link #STATUS_PATH}. {@code 404}: unknown function or qualifier;
 * {@code 413}: too large; {@code 503}: the router's view is behind (retryable).
 */
public final class EventRouterApi {

	/** Path that takes an asynchronous invocation. */
	public static final String ENQUEUE_PATH = "/internal/v1/namespaces/{namespace}/functions/{function}/async-invocations";

	/** Path of an asynchronous invocation's status. */
	public static final String STATUS_PATH = "/internal/v1/async-invocations/{id}";

	/** Query parameter: the qualifier to invoke; {@code $LATEST} when absent. */
	public static final String QUALIFIER_PARAM = "qualifier";

	/**
	 * Request header: repeats with the same key enqueue nothing and answer the same id.
	 */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * Request header: what produced the event ({@code invoke-api}, {@code route}, ...).
	 */
	public static final String SOURCE = "Aloft-Source";

	/**
	 * Request header: the configuration revision at which the caller resolved the
	 * function; the router waits for its own view to reach it.
	 */
	public static final String CONFIG_REVISION = "Aloft-Config-Revision";

	/** Response header: {@code true} when an idempotency key was seen before. */
	public static final String IDEMPOTENT_REPLAY = "Aloft-Idempotent-Replay";

	/** The most bytes an asynchronous event may have: 1 MiB, as Lambda's. */
	public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

	private EventRouterApi() {
	}

}
