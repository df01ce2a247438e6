package dev.aloft.invoker.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The pre-started JVM's launcher speaks just enough HTTP and JSON to read its assignment,
 * from the JDK alone.
 */
class JavaPrestartLauncherTests {

	@Test
	void asksItsOwnAssignmentPathAndReadsTheVariables() throws Exception {
		String body = "{\"environment\":{\"_HANDLER\":\"example.Handler\",\"QUOTED\":\"a \\\"b\\\" \\\\ c\\u00e9\\n\"}}";
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<String> request = CompletableFuture.supplyAsync(
					() -> answerOnce(server, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
							+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body));

			Map<String, String> environment = JavaPrestartLauncher
				.awaitAssignment("127.0.0.1:" + server.getLocalPort() + "/0123abcd");

			assertThat(request.join()).startsWith("GET /0123abcd/2018-06-01/aloft/assignment HTTP/1.1\r\n");
			assertThat(environment).containsExactlyInAnyOrderEntriesOf(
					Map.of("_HANDLER", "example.Handler", "QUOTED", "a \"b\" \\ c\u00e9\n"));
		}
	}

	@Test
	void readsABodyOfALengthChunkedOrToTheEndOfTheConnection() throws IOException {
		assertThat(body("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbodyextra")).isEqualTo("body");
		assertThat(body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nbod\r\n1;x=y\r\ny\r\n0\r\n\r\n"))
			.isEqualTo("body");
		assertThat(body("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody")).isEqualTo("body");
	}

	@Test
	void anAnswerOtherThanOkIsAFailure() {
		assertThatIOException().isThrownBy(() -> body("HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\ndenied"))
			.withMessageContaining("403")
			.withMessageContaining("denied");
		assertThatIOException().isThrownBy(() -> body("not http"));
	}

	@Test
	void readsJsonValuesOfEveryKind() throws IOException {
		Object document = new JavaPrestartLauncher.JsonReader(
				" {\"a\": [1, -2.5e3, true, null, {}, []], \"b\": {\"c\": \"\\ud83d\\ude00\"}} ")
			.document();

		assertThat(document).isEqualTo(Map.of("a", List.of("1", "-2.5e3", "true", "null", Map.of(), List.of()), "b",
				Map.of("c", "\ud83d\ude00")));
		assertThatIOException().isThrownBy(() -> new JavaPrestartLauncher.JsonReader("{\"a\": 1} x").document());
		assertThatIOException().isThrownBy(() -> new JavaPrestartLauncher.JsonReader("{\"a\" 1}").document());
		assertThatIOException().isThrownBy(() -> new JavaPrestartLauncher.JsonReader("{\"a\": \"open").document());
	}

	private static String body(String answer) throws IOException {
		InputStream in = new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8));
		return new String(JavaPrestartLauncher.HttpAnswer.body(in), StandardCharsets.UTF_8);
	}

	/**
	 * Accepts one connection, reads its request head, answers and closes.
	 * @return the request head
	 */
	private static String answerOnce(ServerSocket server, String answer) {
		try (Socket socket = server.accept()) {
			InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				head.append((char) next);
			}
			OutputStream out = socket.getOutputStream();
			out.write(answer.getBytes(StandardCharsets.UTF_8));
			out.flush();
			return head.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
