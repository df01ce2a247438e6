package dev.aloft.controlplane.invocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code text/event-stream} client on the JDK's HTTP client, as a browser's
 * {@code EventSource} reads one: events collect as they arrive; a future completes when
 * the stream ends.
 */
final class EventStream implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpResponse<Stream<String>> response;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<Waiter> waiters = new ArrayList<>();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	private EventStream(HttpResponse<Stream<String>> response) {
		this.response = response;
	}

	/**
	 * Opens a stream; returns once the response's headers arrived.
	 * @param uri the stream's address
	 * @param headers request headers
	 * @return the open stream
	 */
	static EventStream open(URI uri, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
		headers.forEach(request::header);
		try {
			EventStream stream = new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
			if (stream.status() == 200) {
				Thread.ofVirtual().name("event-stream-reader").start(stream::read);
			}
			else {
				stream.ended.complete(null);
			}
			return stream;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	int status() {
		return this.response.statusCode();
	}

	@Nullable String contentType() {
		return this.response.headers().firstValue("Content-Type").orElse(null);
	}

	/** Completes when the server ends the stream (or the connection breaks). */
	CompletableFuture<Void> ended() {
		return this.ended;
	}

	List<Event> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Waits for the first event that matches.
	 * @param matching what to wait for
	 * @param timeout how long at most
	 * @return the event
	 */
	Event await(Predicate<Event> matching, Duration timeout) {
		CompletableFuture<Event> found = new CompletableFuture<>();
		synchronized (this.waiters) {
			this.waiters.add(new Waiter(matching, found));
			this.events.stream().filter(matching).findFirst().ifPresent(found::complete);
		}
		try {
			return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("No matching event within " + timeout + "; received " + this.events, ex);
		}
	}

	private void read() {
		String id = null;
		StringBuilder data = new StringBuilder();
		try (Stream<String> lines = this.response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						received(new Event(id, data.toString()));
					}
					id = null;
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("data:")) {
					data.append((data.isEmpty()) ? "" : "\n").append(line.substring(5).stripLeading());
				}
			}
			this.ended.complete(null);
		}
		catch (RuntimeException ex) {
			this.ended.complete(null);
		}
	}

	private void received(Event event) {
		synchronized (this.waiters) {
			this.events.add(event);
			for (Waiter waiter : this.waiters) {
				if (waiter.matching().test(event)) {
					waiter.found().complete(event);
				}
			}
		}
	}

	@Override
	public void close() {
		this.response.body().close();
	}

	/**
	 * One event.
	 *
	 * @param id its id
	 * @param data its data
	 */
	record Event(@Nullable String id, String data) {

		JsonNode json() {
			return JSON.readTree(this.data);
		}

		String message() {
			return json().path("message").asString();
		}

	}

	private record Waiter(Predicate<Event> matching, CompletableFuture<Event> found) {
	}

}
