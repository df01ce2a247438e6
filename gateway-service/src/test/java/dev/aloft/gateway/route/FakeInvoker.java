package dev.aloft.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aloft.contracts.invoke.InvokerApi;
import org.jspecify.annotations.Nullable;

/**
 * An invoker's internal invoke API, served by the JDK's HTTP server: it records every
 * request and answers as the test tells it to.
 */
final class FakeInvoker implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private volatile Answer answer = Answer.success("{\"statusCode\":200,\"body\":\"ok\"}");

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
	 * Sets how the invoker answers from now on, and forgets what it received so far.
	 * @param answer the answer
	 */
	void reset(Answer answer) {
		this.answer = answer;
		this.requests.clear();
	}

	void answer(Answer answer) {
		this.answer = answer;
	}

	List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		this.requests
			.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
		this.answer.send(exchange);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One request the invoker received.
	 *
	 * @param method the HTTP method
	 * @param path the raw path
	 * @param headers the headers, by case-insensitive name
	 * @param body the body
	 */
	record Recorded(String method, String path, Map<String, List<String>> headers, byte[] body) {

		@Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * How the invoker answers a request.
	 */
	@FunctionalInterface
	interface Answer {

		void send(HttpExchange exchange) throws IOException;

		/**
		 * The function ran and returned {@code output}.
		 * @param output the function's output
		 * @return the answer
		 */
		static Answer success(String output) {
			return ran("SUCCESS", null, output);
		}

		/**
		 * The function ran with an outcome.
		 * @param outcome the {@code Aloft-Outcome}
		 * @param errorType the {@code Aloft-Error-Type}, or null
		 * @param output the body
		 * @return the answer
		 */
		static Answer ran(String outcome, @Nullable String errorType, String output) {
			return (exchange) -> {
				exchange.getResponseHeaders().set(InvokerApi.OUTCOME, outcome);
				exchange.getResponseHeaders().set(InvokerApi.EXECUTED_VERSION, "$LATEST");
				if (errorType != null) {
					exchange.getResponseHeaders().set(InvokerApi.FUNCTION_ERROR, InvokerApi.UNHANDLED);
					exchange.getResponseHeaders().set(InvokerApi.ERROR_TYPE, errorType);
				}
				send(exchange, 200, "application/json", output);
			};
		}

		/**
		 * A platform problem: the function did not run.
		 * @param status the status
		 * @return the answer
		 */
		static Answer problem(int status) {
			return (exchange) -> send(exchange, status, "application/problem+json",
					"{\"status\":" + status + ",\"title\":\"Problem\"}");
		}

		/**
		 * The invoker holds the request until {@code release} opens (or a generous bound
		 * passes), then answers as a successful function.
		 * @param release opened by the test when done
		 * @return the answer
		 */
		static Answer holdUntil(CountDownLatch release) {
			return (exchange) -> {
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				success("{\"statusCode\":200}").send(exchange);
			};
		}

		/**
		 * The invoker accepts the request and then drops the connection without
		 * answering, as if it crashed mid-invocation.
		 * @return the answer
		 */
		static Answer hangUp() {
			return HttpExchange::close;
		}

		private static void send(HttpExchange exchange, int status, String contentType, String body)
				throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			try (exchange) {
				exchange.getResponseHeaders().set("Content-Type", contentType);
				exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
				exchange.getResponseBody().write(bytes);
			}
		}

	}

}
