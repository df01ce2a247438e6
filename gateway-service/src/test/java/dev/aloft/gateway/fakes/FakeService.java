package dev.aloft.gateway.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake HTTP service (an invoker's internal invoke API, the event router's queue),
 * served by the JDK's HTTP server: it records every request and answers as the test tells
 * it to.
 */
public final class FakeService implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private volatile Answer answer = Answer.success("{\"statusCode\":200,\"body\":\"ok\"}");

	private volatile boolean ready = true;

	private final AtomicInteger probes = new AtomicInteger();

	private FakeService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static FakeService start() {
		try {
			return new FakeService();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Sets how the invoker answers from now on, ready for probes, and forgets what it
	 * received so far.
	 * @param answer the answer
	 */
	public void reset(Answer answer) {
		this.answer = answer;
		this.ready = true;
		this.requests.clear();
	}

	public void answer(Answer answer) {
		this.answer = answer;
	}

	/**
	 * Sets what the readiness probe ({@code GET /actuator/health/readiness}) answers:
	 * {@code 200 UP} when ready, {@code 503 OUT_OF_SERVICE} otherwise. Probes are counted
	 * apart and never show in {@link #requests()}.
	 * @param ready whether the service is ready
	 */
	public void ready(boolean ready) {
		this.ready = ready;
	}

	/**
	 * How many readiness probes arrived.
	 * @return the count
	 */
	public int probes() {
		return this.probes.get();
	}

	public List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		if ("/actuator/health/readiness".equals(exchange.getRequestURI().getRawPath())) {
			this.probes.incrementAndGet();
			Answer.json(this.ready ? 200 : 503, this.ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}")
				.send(exchange);
			return;
		}
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, body));
		this.answer.send(exchange);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
