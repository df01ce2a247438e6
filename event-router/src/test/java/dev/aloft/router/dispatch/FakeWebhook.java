package dev.aloft.router.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook destination: records every POST by path and answers 200, or the status the
 * test set for the path.
 */
final class FakeWebhook implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

	private FakeWebhook() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeWebhook start() {
		try {
			return new FakeWebhook();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The URL of a path on this webhook server. */
	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	void answer(String path, int status) {
		this.statuses.put(path, status);
	}

	List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String path = exchange.getRequestURI().getPath();
		this.received.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"),
				exchange.getRequestHeaders().getFirst(DeliveryHandler.DELIVERY_ID), body));
		try (exchange) {
			exchange.sendResponseHeaders(this.statuses.getOrDefault(path, 200), -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One POST received.
	 *
	 * @param path the path
	 * @param contentType its content type
	 * @param deliveryId its delivery id header
	 * @param body its body
	 */
	record Received(String path, String contentType, String deliveryId, byte[] body) {

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
