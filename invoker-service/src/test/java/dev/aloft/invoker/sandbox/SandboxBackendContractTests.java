package dev.aloft.invoker.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aloft.invoker.spi.LogSink.LogStream;
import dev.aloft.invoker.spi.OwnerLabels;
import dev.aloft.invoker.spi.Sandbox;
import dev.aloft.invoker.spi.SandboxBackend;
import dev.aloft.invoker.spi.SandboxExit;
import dev.aloft.invoker.spi.SandboxId;
import dev.aloft.invoker.spi.SandboxLimits;
import dev.aloft.invoker.spi.SandboxProcess;
import dev.aloft.invoker.spi.SandboxSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every sandbox backend promises (the {@link SandboxBackend} javadoc), checked on a
 * real backend: a subclass per backend supplies it. The function is a real one: a small
 * Python runtime loop that pulls its event from a Runtime API served here and posts the
 * answer back.
 */
public abstract class SandboxBackendContractTests {

	protected static final Duration WAIT = Duration.ofSeconds(30);

	/** A runtime loop in the shape of Lambda's: next, then response. */
	private static final String RUNTIME_LOOP = """
			import os, sys, urllib.request
			api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
			print("starting in " + os.getcwd(), flush=True)
			with urllib.request.urlopen(api + "next") as next:
			    request_id = next.headers["Lambda-Runtime-Aws-Request-Id"]
			    event = next.read().decode()
			print("handling " + request_id, flush=True)
			print("to stderr " + request_id, file=sys.stderr, flush=True)
			answer = urllib.request.Request(api + request_id + "/response", data=event.upper().encode(), method="POST")
			urllib.request.urlopen(answer).read()
			sys.exit(3)
			""";

	private static final String HOG = """
			hoard = b"x" * (400 * 1024 * 1024)
			print(len(hoard), flush=True)
			""";

	@TempDir
	protected Path temp;

	protected Path code;

	protected SandboxBackend backend;

	protected final String instance = "contract-" + UUID.randomUUID().toString().substring(0, 8);

	protected final List<Line> lines = new CopyOnWriteArrayList<>();

	private final List<Sandbox> created = new ArrayList<>();

	private HttpServer runtimeApi;

	private final Map<String, String> responses = new HashMap<>();

	/**
	 * The backend under test, for the given work directory.
	 * @param workDirectory a fresh directory the backend may use
	 * @return the backend
	 */
	protected abstract SandboxBackend createBackend(Path workDirectory) throws Exception;

	/**
	 * The Python interpreter's command in this backend's sandboxes.
	 * @return the program
	 */
	protected abstract String python();

	/**
	 * The task root as the sandbox sees it.
	 * @return the path
	 */
	protected abstract String taskRoot();

	/**
	 * Asserts that nothing of a destroyed sandbox remains.
	 * @param sandbox the sandbox
	 */
	protected abstract void assertGone(Sandbox sandbox) throws Exception;

	@BeforeEach
	void start() throws Exception {
		Files.setPosixFilePermissions(this.temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.code = Files.createDirectories(this.temp.resolve("code"));
		Files.writeString(this.code.resolve("loop.py"), RUNTIME_LOOP);
		Files.writeString(this.code.resolve("hog.py"), HOG);
		Files.setPosixFilePermissions(this.code, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.backend = createBackend(Files.createDirectories(this.temp.resolve("work")));
		this.runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.runtimeApi.createContext("/2018-06-01/runtime/invocation/", this::serveRuntimeApi);
		this.runtimeApi.start();
	}

	@AfterEach
	void stop() {
		this.created.forEach((sandbox) -> sandbox.destroy().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
		this.runtimeApi.stop(0);
		if (this.backend instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private void serveRuntimeApi(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body;
		if (path.endsWith("/next")) {
			exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "request-1");
			body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
		}
		else {
			try (InputStream in = exchange.getRequestBody()) {
				synchronized (this.responses) {
					this.responses.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			body = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
		}
		exchange.sendResponseHeaders(path.endsWith("/next") ? 200 : 202, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	@Test
	void aRealFunctionPullsItsEventFromTheRuntimeApiAndAnswers() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), this.code.resolve("loop.py").toString()));

		SandboxExit exit = sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(exit.exitCode()).isEqualTo(3);
		assertThat(exit.outOfMemory()).isFalse();
		synchronized (this.responses) {
			assertThat(this.responses).containsEntry("/2018-06-01/runtime/invocation/request-1/response",
					"{\"HELLO\":\"WORLD\"}");
		}
		// The exit is reported once the output is delivered, so every line is there.
		assertThat(this.lines).filteredOn((line) -> line.stream() == LogStream.STDOUT)
			.extracting(Line::text)
			.containsExactly("starting in " + taskRoot(), "handling request-1");
		assertThat(this.lines).filteredOn((line) -> line.stream() == LogStream.STDERR)
			.extracting(Line::text)
			.containsExactly("to stderr request-1");
	}

	@Test
	void theSandboxSeesItsSpecsEnvironmentAndNotTheInvokers() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), "-c",
				"import os; [print(k + '=' + v) for k, v in sorted(os.environ.items())]"));

		assertThat(sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitCode()).isZero();

		assertThat(this.lines).extracting(Line::text)
			.contains("ONLY=this", "LAMBDA_TASK_ROOT=" + taskRoot())
			.noneMatch((line) -> line.startsWith("ALOFT_MASTER_KEY="))
			.noneMatch((line) -> line.startsWith("ALOFT_ADMIN_SECRET_ACCESS_KEY="));
	}

	@Test
	void memoryPastTheLimitEndsTheSandboxOrFailsTheAllocation() throws Exception {
		Sandbox sandbox = create(spec(this.instance, python(), this.code.resolve("hog.py").toString()));

		SandboxExit exit = sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		assertThat(exit.exitCode()).isNotZero();
		assertThat(this.lines).extracting(Line::text).doesNotContain(Integer.toString(400 * 1024 * 1024));
	}

	@Test
	void destroyEndsTheSandboxAndRemovesWhatItCreated() throws Exception {
		Sandbox sandbox = create(
				spec(this.instance, python(), "-c", "import time; print('up', flush=True); time.sleep(600)"));
		await().atMost(WAIT).until(() -> this.lines.stream().anyMatch((line) -> line.text().equals("up")));

		sandbox.destroy().get(WAIT.toSeconds(), TimeUnit.SECONDS);

		// Its exit is observed.
		sandbox.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertGone(sandbox);
		// Idempotent.
		sandbox.destroy().get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void orphansOfTheOwnerAreReapedByALaterBackend() throws Exception {
		Sandbox orphan = create(
				spec(this.instance, python(), "-c", "import time; print('up', flush=True); time.sleep(600)"));
		await().atMost(WAIT).until(() -> this.lines.stream().anyMatch((line) -> line.text().equals("up")));

		// A restarted invoker: a new backend on the same place, reaping at start-up.
		SandboxBackend restarted = createBackend(this.temp.resolve("work"));
		try {
			restarted.reapOrphans(new OwnerLabels(this.instance));
		}
		finally {
			if (restarted instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}

		orphan.exited().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertGone(orphan);
	}

	protected Sandbox create(SandboxSpec spec) throws Exception {
		Sandbox sandbox = this.backend.create(spec).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		this.created.add(sandbox);
		return sandbox;
	}

	/**
	 * A spec of a 64 MB sandbox running a command, labelled for an owner.
	 */
	protected SandboxSpec spec(String owner, String... command) {
		Map<String, String> environment = new HashMap<>();
		environment.put("ONLY", "this");
		environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + this.runtimeApi.getAddress().getPort());
		environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11");
		environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
		SandboxId id = new SandboxId("sbx-" + UUID.randomUUID().toString().substring(0, 13));
		return new SandboxSpec(id,
				Map.of(SandboxSpec.INSTANCE_LABEL, owner, SandboxSpec.FUNCTION_LABEL, "default/contract",
						SandboxSpec.VERSION_LABEL, "$LATEST"),
				new SandboxProcess(List.of(command), this.code, environment), new SandboxLimits(64, 16, 256),
				(stream, line) -> this.lines.add(new Line(stream, line)));
	}

	/**
	 * One line a sandbox wrote.
	 *
	 * @param stream its stream
	 * @param text the line
	 */
	protected record Line(LogStream stream, String text) {
	}

}
