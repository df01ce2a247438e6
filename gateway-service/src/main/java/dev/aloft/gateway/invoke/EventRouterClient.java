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

	EventRouterClient(EventRouterProperties properties, MasterKey masterKey) {
		this.properties = properties;
		this.internalToken = masterKey.internalToken();
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
	 * @return the router's status: 202 when stored
	 * @throws InterruptedException when interrupted while waiting
	 */
	public int enqueue(String namespace, String functionName, String qualifier, long configRevision, String source,
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
		try {
			return this.httpClient.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return 503;
		}
	}

}
