package dev.aloft.router.invoke;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.router.invoke.InvokeResult.Kind;
import dev.aloft.router.system.InternalToken;
import dev.aloft.secrets.MasterKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the router's client classifies what became of an invocation, against scripted
 * servers: it moves on to the next address only when the function cannot have started.
 */
class InvokerClientTests {

	private final List<ScriptedServer> servers = new ArrayList<>();

	@AfterEach
	void closeServers() throws IOException {
		for (ScriptedServer server : this.servers) {
			server.close();
		}
	}

	@Test
	void anAnswerIsClassifiedByItsOutcome() throws Exception {
		ScriptedServer invoker = start(Behaviour.ANSWER_SUCCESS);

		InvokeResult result = client(invoker.uri()).invoke(function(3), 7, call());

		assertThat(result.kind()).isEqualTo(Kind.SUCCESS);
		assertThat(result.executedVersion()).isEqualTo("1");
		assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
		assertThat(invoker.lastRequest())
			.startsWith("POST /internal/v1/namespaces/ns/functions/fn/versions/1/invocations ")
			.contains("aloft-config-revision: 7");
	}

	@Test
	void anUnreachableAddressIsPassedOver() throws Exception {
		URI closed = closedPort();
		ScriptedServer invoker = start(Behaviour.ANSWER_SUCCESS);

		InvokeResult first = client(closed, invoker.uri()).invoke(function(3), 1, call());

		assertThat(first.kind()).isEqualTo(Kind.SUCCESS);
		assertThat(invoker.requests()).isEqualTo(1);
	}

	@Test
	void aThrottleIsPassedOverToTheNextAddress() throws Exception {
		ScriptedServer throttling = start(Behaviour.THROTTLE);
		ScriptedServer invoker = start(Behaviour.ANSWER_SUCCESS);

		InvokeResult result = client(throttling.uri(), invoker.uri()).invoke(function(3), 1, call());

		assertThat(result.kind()).isEqualTo(Kind.SUCCESS);
		assertThat(throttling.requests()).isEqualTo(1);
		assertThat(invoker.requests()).isEqualTo(1);
	}

	@Test
	void aConnectionLostMidInvocationIsNeverRunAgainElsewhere() throws Exception {
		ScriptedServer losing = start(Behaviour.CLOSE_AFTER_REQUEST);
		ScriptedServer invoker = start(Behaviour.ANSWER_SUCCESS);

		InvokeResult result = client(losing.uri(), invoker.uri()).invoke(function(3), 1, call());

		assertThat(result.kind()).isEqualTo(Kind.PLATFORM_ERROR);
		assertThat(result.detail()).contains("mid-invocation");
		assertThat(invoker.requests()).as("a started invocation is not sent elsewhere").isZero();
	}

	@Test
	void noAnswerWithinTheFunctionsTimeoutIsATimeout() throws Exception {
		ScriptedServer silent = start(Behaviour.NEVER_ANSWER);

		InvokeResult result = client(silent.uri()).invoke(function(1), 1, call());

		assertThat(result.kind()).isEqualTo(Kind.FUNCTION_ERROR);
		assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
	}

	private ScriptedServer start(Behaviour behaviour) throws IOException {
		ScriptedServer server = new ScriptedServer(behaviour);
		this.servers.add(server);
		return server;
	}

	private static InvokerClient client(URI... urls) {
		return new InvokerClient(new InvokersProperties(List.of(urls), Duration.ofSeconds(1), Duration.ofMillis(200)),
				InternalToken.of(MasterKey.generate()));
	}

	private static FunctionVersionConfig function(int timeoutSeconds) {
		return new FunctionVersionConfig("ns", "fn", "1", "r", "python3.11", "app.handler", 128, timeoutSeconds, 512,
				Map.of(), "0".repeat(64), 1);
	}

	private static InvokeCall call() {
		return new InvokeCall("3f0c2a8e-0000-4000-8000-000000000001", "{}".getBytes(StandardCharsets.UTF_8),
				"arn:aws:lambda:us-east-1:000000000000:function:fn", "async");
	}

	private static URI closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
	}

	private enum Behaviour {

		ANSWER_SUCCESS, THROTTLE, CLOSE_AFTER_REQUEST, NEVER_ANSWER

	}

	/** A one-connection-at-a-time HTTP server that answers as its behaviour says. */
	private static final class ScriptedServer implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final Behaviour behaviour;

		private final AtomicInteger requests = new AtomicInteger();

		private final CountDownLatch closed = new CountDownLatch(1);

		private volatile String lastRequest = "";

		ScriptedServer(Behaviour behaviour) throws IOException {
			this.behaviour = behaviour;
			Thread.startVirtualThread(this::serve);
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.socket.getLocalPort());
		}

		int requests() {
			return this.requests.get();
		}

		String lastRequest() {
			return this.lastRequest;
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					answer(connection);
				}
				catch (IOException ex) {
					// Closed, or the client went away: take the next connection.
				}
			}
		}

		private void answer(Socket connection) throws IOException {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
			StringBuilder head = new StringBuilder();
			int length = 0;
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				head.append(line.toLowerCase(Locale.ROOT).startsWith("post ") ? line : line.toLowerCase(Locale.ROOT))
					.append('\n');
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			for (int i = 0; i < length; i++) {
				in.read();
			}
			this.lastRequest = head.toString();
			this.requests.incrementAndGet();
			OutputStream out = connection.getOutputStream();
			switch (this.behaviour) {
				case ANSWER_SUCCESS -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
						+ "Aloft-Outcome: SUCCESS\r\nAloft-Executed-Version: 1\r\nContent-Length: 11\r\n"
						+ "Connection: close\r\n\r\n{\"ok\":true}")
					.getBytes(StandardCharsets.ISO_8859_1));
				case THROTTLE ->
					out.write(("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n" + "Connection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
				case CLOSE_AFTER_REQUEST -> {
					// Closed at once: the request was taken, the answer never comes.
				}
				case NEVER_ANSWER -> awaitClose();
			}
			out.flush();
		}

		private void awaitClose() {
			try {
				this.closed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() throws IOException {
			this.closed.countDown();
			this.socket.close();
		}

	}

}
