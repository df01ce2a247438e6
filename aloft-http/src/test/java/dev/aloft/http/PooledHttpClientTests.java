package dev.aloft.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PooledHttpClientTests {

	private final PooledHttpClient client = new PooledHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(30), 8);

	private HttpServer server;

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.client.close();
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void sendsTheRequestAndReadsTheAnswer() throws IOException {
		URI base = start();

		HttpAnswer answer = this.client.send(base, post("/echo?x=1", "{\"hello\":1}", "X-Trace", "abc"),
				Duration.ofSeconds(5));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(new String(answer.body(), StandardCharsets.UTF_8))
			.isEqualTo("POST /echo?x=1 x-trace=abc length=11 {\"hello\":1}");
		assertThat(answer.header("X-ECHO")).isEqualTo("yes");
		assertThat(answer.header("missing")).isNull();
	}

	@Test
	void reusesOneConnectionForSequentialCalls() throws IOException {
		URI base = start();

		for (int i = 0; i < 20; i++) {
			assertThat(this.client.send(base, post("/echo", "{}"), Duration.ofSeconds(5)).status()).isEqualTo(200);
		}

		assertThat(this.clientPorts).as("one connection served every call").hasSize(1);
	}

	@Test
	void readsChunkedAndEmptyAnswers() throws IOException {
		URI base = start();

		assertThat(new String(this.client.send(base, post("/chunked", ""), Duration.ofSeconds(5)).body(),
				StandardCharsets.UTF_8))
			.isEqualTo("first-second");
		HttpAnswer empty = this.client.send(base, post("/empty", ""), Duration.ofSeconds(5));
		assertThat(empty.status()).isEqualTo(204);
		assertThat(empty.body()).isEmpty();
		assertThat(this.client.send(base, post("/echo", ""), Duration.ofSeconds(5)).status()).isEqualTo(200);
	}

	@Test
	void prefixesTheBasePath() throws IOException {
		URI base = URI.create(start() + "/prefix/");

		HttpAnswer answer = this.client.send(base, post("/echo", ""), Duration.ofSeconds(5));

		assertThat(new String(answer.body(), StandardCharsets.UTF_8)).startsWith("POST /prefix/echo ");
	}

	@Test
	void aConnectionTheServerClosedWhileIdleIsNotUsed() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> serveOneRequestPerConnectionThenClose(listener, connections));
			URI base = URI.create("http://127.0.0.1:" + listener.getLocalPort());

			for (int i = 0; i < 3; i++) {
				HttpAnswer answer = this.client.send(base, post("/", "{}"), Duration.ofSeconds(5));
				assertThat(answer.status()).isEqualTo(200);
				waitForClose(connections, i + 1);
			}
			assertThat(connections).hasValue(3);
		}
	}

	@Test
	void noConnectionMeansTheRequestWasNotSent() throws IOException {
		int closedPort;
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = listener.getLocalPort();
		}

		assertThatExceptionOfType(RequestNotSentException.class).isThrownBy(() -> this.client
			.send(URI.create("http://127.0.0.1:" + closedPort), post("/", ""), Duration.ofSeconds(1)));
	}

	@Test
	void aSlowAnswerTimesOut() throws IOException {
		URI base = start();

		assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> this.client.send(base, post("/slow", ""), Duration.ofMillis(200)));
		this.release.countDown();
		assertThat(this.client.send(base, post("/echo", ""), Duration.ofSeconds(5)).status())
			.as("the timed-out connection is not reused")
			.isEqualTo(200);
	}

	@Test
	void refusesHeaderInjection() {
		assertThatIllegalArgumentException().isThrownBy(() -> post("/", "", "X-Evil", "a\r\nHost: elsewhere"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HttpRequestLine("GET", "no-slash", List.of(), new byte[0]));
	}

	private URI start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", (exchange) -> {
			this.clientPorts.add(exchange.getRemoteAddress().getPort());
			byte[] request = exchange.getRequestBody().readAllBytes();
			String path = exchange.getRequestURI().getRawPath();
			if (path.endsWith("/chunked")) {
				exchange.sendResponseHeaders(200, 0);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write("first-".getBytes(StandardCharsets.UTF_8));
					body.flush();
					body.write("second".getBytes(StandardCharsets.UTF_8));
				}
				return;
			}
			if (path.endsWith("/empty")) {
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
				return;
			}
			if (path.endsWith("/slow")) {
				awaitRelease();
			}
			String trace = exchange.getRequestHeaders().getFirst("X-Trace");
			byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ ((trace != null) ? "x-trace=" + trace + " " : "") + "length=" + request.length + " "
					+ new String(request, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("X-Echo", "yes");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(answer);
			}
		});
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void awaitRelease() {
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final Map<Integer, CountDownLatch> CLOSED = new ConcurrentHashMap<>();

	/** Answers one request per connection, then closes it without saying so. */
	private static void serveOneRequestPerConnectionThenClose(ServerSocket listener, AtomicInteger connections) {
		while (!listener.isClosed()) {
			try (Socket socket = listener.accept()) {
				int number = connections.incrementAndGet();
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				int length = 0;
				for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
					if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
						length = Integer.parseInt(line.substring(15).trim());
					}
				}
				reader.skip(length);
				socket.getOutputStream()
					.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
				socket.close();
				CLOSED.computeIfAbsent(number, (key) -> new CountDownLatch(1)).countDown();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static void waitForClose(AtomicInteger connections, int number) throws InterruptedException {
		assertThat(CLOSED.computeIfAbsent(number, (key) -> new CountDownLatch(1)).await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(connections.get()).isEqualTo(number);
	}

	private static HttpRequestLine post(String path, String body, String... headers) {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		for (int i = 0; i < headers.length; i += 2) {
			pairs.add(Map.entry(headers[i], headers[i + 1]));
		}
		return new HttpRequestLine("POST", path, pairs, body.getBytes(StandardCharsets.UTF_8));
	}

}
