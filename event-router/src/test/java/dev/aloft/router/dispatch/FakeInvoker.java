package dev.aloft.router.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aloft.contracts.invoke.InvokerApi;
import org.jspecify.annotations.Nullable;

/**
 * An invoker's internal invoke API, served by the JDK's HTTP server: it records every
 * request, counts the requests of each function in flight at once, and answers as the
 * test scripted for the function (a success by default).
 */
public final class FakeInvoker implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

	private FakeInvoker() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeInvoker start() {
		try {
			return new FakeInvoker();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Sets how invocations of a function are answered from now on.
	 */
	public void answer(String function, Answer answer) {
		this.answers.put(function, answer);
	}

	/** Every request received for a function, in arrival order. */
	public List<Recorded> requests(String function) {
		return this.requests.stream().filter((request) -> request.function().equals(function)).toList();
	}

	/** The requests received with a request id. */
	List<Recorded> requestsFor(String requestId) {
		return this.requests.stream().filter((request) -> requestId.equals(request.requestId())).toList();
	}

	List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	public int inFlight(String function) {
		return this.inFlight.computeIfAbsent(function, (key) -> new AtomicInteger()).get();
	}

	public int maxInFlight(String function) {
		return this.maxInFlight.computeIfAbsent(function, (key) -> new AtomicInteger()).get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		// /internal/v1/namespaces/{ns}/functions/{fn}/versions/{version}/invocations
		String[] segments = exchange.getRequestURI().getPath().split("/");
		String namespace = segments[4];
		String function = segments[6];
		String version = segments[8];
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		Recorded recorded = new Recorded(namespace, function, version, headers, body);
		AtomicInteger running = this.inFlight.computeIfAbsent(function, (key) -> new AtomicInteger());
		AtomicInteger max = this.maxInFlight.computeIfAbsent(function, (key) -> new AtomicInteger());
		max.accumulateAndGet(running.incrementAndGet(), Math::max);
		this.requests.add(recorded);
		Reply reply;
		try {
			reply = this.answers.getOrDefault(function, Answer.success("{\"ok\":true}")).reply(recorded);
		}
		finally {
			// Before answering: once the router has the answer it may send the next one.
			running.decrementAndGet();
		}
		if (reply == null) {
			exchange.close();
			return;
		}
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		try (exchange) {
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.sendResponseHeaders(reply.status(), (bytes.length == 0) ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request the invoker received.
	 *
	 * @param namespace the namespace in the path
	 * @param function the function in the path
	 * @param version the version in the path
	 * @param headers the headers, by case-insensitive name
	 * @param body the body
	 */
	public record Recorded(String namespace, String function, String version, Map<String, List<String>> headers,
			byte[] body) {

		public @Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		@Nullable String requestId() {
			return header(InvokerApi.REQUEST_ID);
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * An answer to send.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body
	 */
	public record Reply(int status, Map<String, String> headers, String body) {
	}

	/**
	 * How the invoker answers a request.
	 */
	@FunctionalInterface
	public interface Answer {

		/**
		 * The reply to a request, or null to hang up without one.
		 */
		@Nullable Reply reply(Recorded request);

		/**
		 * The function ran and returned {@code output}.
		 */
		static Answer success(String output) {
			return (request) -> new Reply(200, Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "SUCCESS",
					InvokerApi.EXECUTED_VERSION, request.version()), output);
		}

		/**
		 * The function ran and failed with this error JSON.
		 */
		static Answer functionError(String errorType, String errorJson) {
			return (request) -> new Reply(200,
					Map.of("Content-Type", "application/json", InvokerApi.OUTCOME, "FUNCTION_ERROR",
							InvokerApi.EXECUTED_VERSION, request.version(), InvokerApi.FUNCTION_ERROR,
							InvokerApi.UNHANDLED, InvokerApi.ERROR_TYPE, errorType),
					errorJson);
		}

		/**
		 * A platform problem: the function did not run.
		 */
		static Answer problem(int status) {
			return (request) -> new Reply(status, Map.of("Content-Type", "application/problem+json"),
					"{\"status\":" + status + ",\"title\":\"Problem\"}");
		}

		/**
		 * Holds each request until the test releases a permit (or a generous bound
		 * passes), then answers as {@code then}.
		 */
		static Answer gated(Semaphore permits, Answer then) {
			return (request) -> {
				try {
					if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
						return new Reply(503, Map.of(), "gate never opened");
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
				return then.reply(request);
			};
		}

	}

}
