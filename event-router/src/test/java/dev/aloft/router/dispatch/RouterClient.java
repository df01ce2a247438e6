package dev.aloft.router.dispatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.invoke.InvokerApi;
import dev.aloft.secrets.MasterKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The router's HTTP API, as the gateway and operators call it.
 */
final class RouterClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	RouterClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * The services' internal token, derived from the master key every test JVM runs with
	 * ({@code ALOFT_MASTER_KEY}, set by the build).
	 */
	static String internalToken() {
		String masterKey = System.getenv("ALOFT_MASTER_KEY");
		assertThat(masterKey).as("ALOFT_MASTER_KEY (run through Maven)").isNotBlank();
		return MasterKey.fromBase64(masterKey).internalToken();
	}

	/**
	 * Enqueues an event.
	 * @param qualifier the qualifier, or null for none
	 * @param headers extra headers
	 */
	HttpResponse<String> enqueue(String function, @Nullable String qualifier, byte[] body,
			Map<String, String> headers) {
		String path = "/internal/v1/namespaces/" + RouterFakes.NAMESPACE + "/functions/" + function
				+ "/async-invocations" + ((qualifier != null) ? "?qualifier=" + qualifier.replace("$", "%24") : "");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * Enqueues an event for a function the router's view holds at {@code revision},
	 * expecting it to be accepted.
	 */
	UUID accepted(String function, String body, long revision) {
		return accepted(function, body.getBytes(StandardCharsets.UTF_8),
				Map.of(InvokerApi.CONFIG_REVISION, Long.toString(revision)));
	}

	UUID accepted(String function, byte[] body, Map<String, String> headers) {
		HttpResponse<String> response = enqueue(function, null, body, headers);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		UUID id = UUID.fromString(json(response.body()).get("invocationId").asString());
		assertThat(response.headers().firstValue("Location")).hasValue("/internal/v1/async-invocations/" + id);
		return id;
	}

	JsonNode status(UUID id) {
		HttpResponse<String> response = get("/internal/v1/async-invocations/" + id);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response.body());
	}

	/**
	 * Waits until an invocation (or delivery) reaches a state.
	 * @return its status then
	 */
	JsonNode awaitState(UUID id, String state) {
		await("invocation " + id + " " + state).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> state.equals(status(id).get("state").asString()));
		return status(id);
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build());
	}

	HttpResponse<String> post(String path) {
		return send(
				HttpRequest.newBuilder(URI.create(this.base + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE().build());
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/**
	 * Sends a request as a service would, with the internal token.
	 */
	private HttpResponse<String> send(HttpRequest request) {
		return sendAs(HttpRequest.newBuilder(request, (name, value) -> true)
			.header("Authorization", "Bearer " + internalToken())
			.build());
	}

	/**
	 * Sends a request as it is.
	 */
	HttpResponse<String> sendAs(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
