package dev.aloft.invoker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.contracts.invoke.InvokerApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the whole invoker on a random port with the process sandbox backend, following a
 * {@link FakeControlPlane}. Every subclass shares one application context (and so one
 * control plane and one work directory); each test deploys functions under names of its
 * own, so pools never mix.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "aloft.invoker.instance-id=invoker-it", "aloft.invoker.runtime-api.port=0",
				"aloft.invoker.control-plane.poll-wait=2s", "aloft.invoker.control-plane.revision-wait=2s",
				"aloft.invoker.pool.user-memory=16GB", "aloft.invoker.pool.idle-timeout=20s",
				"aloft.invoker.pool.init-timeout=5s", "aloft.invoker.pool.max-queue-wait=20s",
				"aloft.invoker.pool.drain-timeout=2s" })
public abstract class InvokerIntegrationSupport {

	/** The namespace every test function lives in. */
	protected static final String NAMESPACE = "default";

	/**
	 * Lives as long as the test JVM, like the cached application context that follows it.
	 */
	protected static final FakeControlPlane CONTROL_PLANE = FakeControlPlane.start();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Path WORK_DIRECTORY = createWorkDirectory();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void controlPlane(DynamicPropertyRegistry registry) {
		registry.add("aloft.invoker.control-plane.url", () -> CONTROL_PLANE.url().toString());
		registry.add("aloft.invoker.work-directory", WORK_DIRECTORY::toString);
	}

	private static Path createWorkDirectory() {
		try {
			return Files.createDirectories(Path.of("target", "invoker-it", UUID.randomUUID().toString()))
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The invoker's work directory ({@code aloft.invoker.work-directory}).
	 * @return the directory
	 */
	protected static Path workDirectory() {
		return WORK_DIRECTORY;
	}

	/**
	 * Deploys a {@code $LATEST} version with 128 MB on the control plane.
	 * @param name the function name, unique per test
	 * @param runtime the runtime
	 * @param handler the handler
	 * @param timeoutSeconds the timeout
	 * @param environment its environment variables
	 * @param zip its code
	 * @return the version
	 */
	protected static FunctionVersionConfig deploy(String name, String runtime, String handler, int timeoutSeconds,
			Map<String, String> environment, byte[] zip) {
		FunctionVersionConfig function = new FunctionVersionConfig(NAMESPACE, name, FunctionVersionConfig.LATEST,
				UUID.randomUUID().toString(), runtime, handler, 128, timeoutSeconds, 512, environment,
				FakeControlPlane.sha256(zip), zip.length);
		CONTROL_PLANE.put(function, zip);
		return function;
	}

	/**
	 * Invokes a function and waits for its result.
	 * @param function the version
	 * @param payload the event
	 * @return the answer
	 */
	protected Invoked invoke(FunctionVersionConfig function, String payload) {
		return invoke(function, payload.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	protected Invoked invoke(FunctionVersionConfig function, byte[] payload, Map<String, String> headers) {
		return invokeAsync(function, payload, headers).join();
	}

	/**
	 * Starts an invocation, with a fresh request id and the control plane's current
	 * revision, as the gateway sends them.
	 * @param function the version
	 * @param payload the event
	 * @param headers further headers, which win over the defaults
	 * @return completes with the answer
	 */
	protected CompletableFuture<Invoked> invokeAsync(FunctionVersionConfig function, byte[] payload,
			Map<String, String> headers) {
		return invokeAsync(function.namespace(), function.functionName(), function.version(), payload, headers);
	}

	protected CompletableFuture<Invoked> invokeAsync(String namespace, String functionName, String version,
			byte[] payload, Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put(InvokerApi.REQUEST_ID, UUID.randomUUID().toString());
		all.put(InvokerApi.CONFIG_REVISION, Long.toString(CONTROL_PLANE.revision()));
		all.put("Content-Type", "application/json");
		all.putAll(headers);
		HttpRequest.Builder request = HttpRequest.newBuilder(invokeUri(namespace, functionName, version))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(payload));
		all.forEach(request::header);
		String requestId = all.get(InvokerApi.REQUEST_ID);
		return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
			.thenApply(
					(response) -> new Invoked(requestId, response.statusCode(), response.headers(), response.body()));
	}

	/**
	 * Invokes the function with an empty event, asking for the tail of its log.
	 */
	protected Invoked invokeWithTail(FunctionVersionConfig function) {
		return invoke(function, "{}".getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.LOG_TYPE, InvokerApi.LOG_TYPE_TAIL));
	}

	/**
	 * The log tail an invocation answered with, decoded.
	 */
	protected static String logTail(Invoked invoked) {
		return new String(Base64.getDecoder().decode(invoked.header(InvokerApi.LOG_RESULT)), StandardCharsets.UTF_8);
	}

	/**
	 * The {@code environment} object of a function's JSON answer, as a map.
	 */
	protected static Map<String, String> environment(JsonNode answer) {
		Map<String, String> environment = new HashMap<>();
		answer.get("environment")
			.properties()
			.forEach((entry) -> environment.put(entry.getKey(), entry.getValue().asString()));
		return environment;
	}

	/**
	 * The names in either set.
	 */
	protected static Set<String> union(Set<String> one, Set<String> other) {
		Set<String> all = new HashSet<>(one);
		all.addAll(other);
		return all;
	}

	protected URI invokeUri(String namespace, String functionName, String version) {
		return URI.create("http://127.0.0.1:" + this.port
				+ InvokerApi.INVOKE_PATH.replace("{namespace}", namespace)
					.replace("{function}", functionName)
					.replace("{version}", version));
	}

	/**
	 * One answer of the invoke API.
	 *
	 * @param requestId the request id the invocation was sent with
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the body
	 */
	public record Invoked(String requestId, int status, HttpHeaders headers, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			String text = text();
			return this.status + " " + this.headers.map() + " "
					+ ((text.length() > 2000) ? text.substring(0, 2000) + "..." : text);
		}

	}

}
