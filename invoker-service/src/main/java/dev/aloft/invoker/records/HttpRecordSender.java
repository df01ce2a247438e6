package dev.aloft.invoker.records;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.contracts.records.RecordsApi;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts batches to the control plane's {@link RecordsApi#BATCH_PATH} with the internal
 * token, over the shared control-plane HTTP client.
 */
final class HttpRecordSender implements RecordSender {

	/** The header that names a batch, so that sending it again stores it once. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final URI uri;

	private final HttpClient httpClient;

	private final String authorization;

	private final ObjectWriter batchWriter;

	HttpRecordSender(URI controlPlaneUrl, HttpClient httpClient, String internalToken, JsonMapper jsonMapper) {
		this.uri = controlPlaneUrl.resolve(RecordsApi.BATCH_PATH);
		this.httpClient = httpClient;
		this.authorization = "Bearer " + internalToken;
		this.batchWriter = jsonMapper.writerFor(RecordBatch.class);
	}

	@Override
	public Delivery send(RecordBatch batch, String batchKey, Duration timeout) {
		byte[] body;
		try {
			body = this.batchWriter.writeValueAsBytes(batch);
		}
		catch (JacksonException ex) {
			return new Delivery(Result.REFUSED, "not serializable: " + ex.getOriginalMessage());
		}
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(timeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.header(IDEMPOTENCY_KEY, batchKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			int status = this.httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status >= 200 && status < 300) {
				return Delivery.STORED;
			}
			if (status == 400 || status == 413 || status == 422) {
				return new Delivery(Result.REFUSED, "the control plane answered " + status);
			}
			return new Delivery(Result.FAILED, "the control plane answered " + status);
		}
		catch (IOException ex) {
			return new Delivery(Result.FAILED, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Delivery(Result.FAILED, "interrupted");
		}
	}

}
