package dev.aloft.gateway.invoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.aloft.contracts.router.EventRouterApi;
import dev.aloft.secrets.MasterKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Hands asynchronous invocations to the event router, which stores them durably before it
 * answers: the gateway never holds accepted work only in memory.
 */
@Component
public class EventRouterClient {

	private final EventRouterProperties properties;

	private final String internalToken;

	private final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final JsonMapper jsonMapper;

	EventRouterClient(EventRouterProperties properties, MasterKey masterKey, JsonMapper jsonMapper) {
		this.properties = properties;
		this.internalToken = masterKey.internalToken();
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Enqueues an invocation.
	 * @param namespace the namespace
	 * @param functionName the function
	 * @param qualifier the qualifier to invoke (an alias is resolved when the event runs)
	 * @param configRevision the revision the caller resolved the function at
	 * @param source what produced the event
	 * @param payload the event
	 * @param idempotencyKey a key that makes retries enqueue once, or null
	 * @return the router's answer: 202 when stored; 503 when the router could not be
	 * reached or did not answer, and so whether it stored the event is unknown
	 * @throws InterruptedException when interrupted while waiting
	 */
	public Enqueued enqueue(String namespace, String functionName, String qualifier, long configRevision, String source,
			byte[] payload, @Nullable String idempotencyKey) throws InterruptedException {
		URI uri = UriComponentsBuilder.fromUri(this.properties.url())
			.path(EventRouterApi.ENQUEUE_PATH)
			.queryParam(EventRouterApi.QUALIFIER_PARAM, qualifier)
			.encode(StandardCharsets.UTF_8)
			.buildAndExpand(namespace, functionName)
			.toUri();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.properties.timeout())
			.header("Authorization", "Bearer " + this.internalToken)
			.header("Content-Type", "application/json")
			.header(EventRouterApi.SOURCE, source)
			.header(EventRouterApi.CONFIG_REVISION, Long.toString(configRevision))
			.POST(HttpRequest.BodyPublishers.ofByteArray(payload));
		if (idempotencyKey != null) {
			request.header(EventRouterApi.IDEMPOTENCY_KEY, idempotencyKey);
		}
		HttpResponse<byte[]> response;
		try {
			response = this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			return new Enqueued(503, null);
		}
		return new Enqueued(response.statusCode(),
				(response.statusCode() == 202) ? invocationId(response.body()) : null);
	}

	private @Nullable String invocationId(byte[] body) {
		try {
			JsonNode id = this.jsonMapper.readTree(body).get("invocationId");
			return (id != null && id.isString()) ? id.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The router's answer to an enqueue.
	 *
	 * @param status its HTTP status: 202 when the event is stored
	 * @param invocationId the stored invocation's id, when stored
	 */
	public record Enqueued(int status, @Nullable String invocationId) {

		/**
		 * Whether the router stored the event.
		 * @return true on 202
		 */
		public boolean accepted() {
			return this.status == 202;
		}

	}

}
