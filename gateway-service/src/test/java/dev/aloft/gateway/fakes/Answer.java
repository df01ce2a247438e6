package dev.aloft.gateway.fakes;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import dev.aloft.contracts.invoke.InvokerApi;
import org.jspecify.annotations.Nullable;

/**
 * How a fake service answers a request; the factories answer as an invoker does, unless
 * they say otherwise.
 */
@FunctionalInterface
public interface Answer {

	void send(HttpExchange exchange) throws IOException;

	/**
	 * The function ran and returned {@code output}.
	 * @param output the function's output
	 * @return the answer
	 */
	static Answer success(String output) {
		return ran("SUCCESS", null, output);
	}

	/**
	 * The function ran with an outcome.
	 * @param outcome the {@code Aloft-Outcome}
	 * @param errorType the {@code Aloft-Error-Type}, or null
	 * @param output the body
	 * @return the answer
	 */
	static Answer ran(String outcome, @Nullable String errorType, String output) {
		return (exchange) -> {
			exchange.getResponseHeaders().set(InvokerApi.OUTCOME, outcome);
			exchange.getResponseHeaders().set(InvokerApi.EXECUTED_VERSION, "$LATEST");
			if (errorType != null) {
				exchange.getResponseHeaders().set(InvokerApi.FUNCTION_ERROR, InvokerApi.UNHANDLED);
				exchange.getResponseHeaders().set(InvokerApi.ERROR_TYPE, errorType);
			}
			send(exchange, 200, "application/json", output);
		};
	}

	/**
	 * A platform problem: the function did not run.
	 * @param status the status
	 * @return the answer
	 */
	static Answer problem(int status) {
		return (exchange) -> send(exchange, status, "application/problem+json",
				"{\"status\":" + status + ",\"title\":\"Problem\"}");
	}

	/**
	 * The invoker holds the request until {@code release} opens (or a generous bound
	 * passes), then answers as a successful function.
	 * @param release opened by the test when done
	 * @return the answer
	 */
	static Answer holdUntil(CountDownLatch release) {
		return (exchange) -> {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			success("{\"statusCode\":200}").send(exchange);
		};
	}

	/**
	 * The invoker accepts the request and then drops the connection without answering, as
	 * if it crashed mid-invocation.
	 * @return the answer
	 */
	static Answer hangUp() {
		return HttpExchange::close;
	}

	/**
	 * A streamed response in the invoker's frames: the chunks before {@code release}
	 * opens, then the rest, then the last frame.
	 * @param contentType the stream's content type
	 * @param before what is sent at once
	 * @param release opened by the test to let the rest follow
	 * @param after what is sent once released
	 * @param complete whether the stream ends complete, or cut short
	 * @return the answer
	 */
	static Answer streamed(String contentType, List<String> before, CountDownLatch release, List<String> after,
			boolean complete) {
		return (exchange) -> {
			try (exchange) {
				exchange.getResponseHeaders().set("Content-Type", contentType);
				exchange.getResponseHeaders().set(InvokerApi.RESPONSE_STREAMED, "true");
				exchange.getResponseHeaders().set(InvokerApi.EXECUTED_VERSION, "2");
				exchange.sendResponseHeaders(200, 0);
				DataOutputStream frames = new DataOutputStream(exchange.getResponseBody());
				writeFrames(frames, before);
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				writeFrames(frames, after);
				frames.writeInt(complete ? InvokerApi.STREAM_COMPLETE : InvokerApi.STREAM_FAILED);
				if (!complete) {
					writeFrames(frames, List.of("{\"errorType\":\"Error\",\"errorMessage\":\"broke mid-stream\"}"));
				}
				frames.flush();
			}
		};
	}

	private static void writeFrames(DataOutputStream frames, List<String> chunks) throws IOException {
		for (String chunk : chunks) {
			byte[] bytes = chunk.getBytes(StandardCharsets.ISO_8859_1);
			frames.writeInt(bytes.length);
			frames.write(bytes);
			frames.flush();
		}
	}

	/**
	 * Any status with a JSON body, as a service other than an invoker answers.
	 * @param status the status
	 * @param json the body
	 * @return the answer
	 */
	static Answer json(int status, String json) {
		return (exchange) -> send(exchange, status, "application/json", json);
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		try (exchange) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

}
