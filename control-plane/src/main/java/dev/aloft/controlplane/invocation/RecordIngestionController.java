package dev.aloft.controlplane.invocation;

import java.io.IOException;
import java.io.InputStream;

import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.contracts.records.RecordsApi;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@value RecordsApi#BATCH_PATH}: invokers post batches of invocation records and log
 * lines here, with the internal token. {@code 202} once stored; a batch sent again with
 * the same {@code Idempotency-Key} is not stored twice.
 * <p>
 * The body is read up to its size limit before it is parsed, and fields this version does
 * not know are ignored, so a newer invoker's batches still land.
 */
@RestController
class RecordIngestionController {

	/** The header that names a batch, so that sending it again stores it once. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RecordIngestion ingestion;

	private final ObjectReader batchReader;

	private final long maxBatchBytes;

	RecordIngestionController(RecordIngestion ingestion, JsonMapper jsonMapper, RecordsProperties properties) {
		this.ingestion = ingestion;
		this.batchReader = jsonMapper.readerFor(RecordBatch.class)
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.maxBatchBytes = properties.maxBatchSize().toBytes();
	}

	@PostMapping(path = RecordsApi.BATCH_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> ingest(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String batchKey,
			HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > this.maxBatchBytes) {
			throw tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBatchBytes + 1));
		}
		if (body.length > this.maxBatchBytes) {
			throw tooLarge();
		}
		this.ingestion.ingest(parse(body), batchKey);
		return ResponseEntity.accepted().build();
	}

	private RecordBatch parse(byte[] body) {
		RecordBatch batch;
		try {
			batch = this.batchReader.readValue(body);
		}
		catch (JacksonException ex) {
			// Say where, not what: the body holds function output, which is never echoed
			// or logged.
			throw new PlatformException(ProblemType.MALFORMED_REQUEST,
					"The body is not a record batch: unreadable JSON at " + where(ex));
		}
		if (batch == null) {
			throw new PlatformException(ProblemType.MALFORMED_REQUEST, "The body is not a record batch: null");
		}
		return batch;
	}

	private static String where(JacksonException ex) {
		StringBuilder pointer = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			pointer.append('/');
			pointer.append((reference.getPropertyName() != null) ? reference.getPropertyName() : reference.getIndex());
		}
		if (!pointer.isEmpty()) {
			return pointer.toString();
		}
		return (ex.getLocation() != null)
				? "line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "its start";
	}

	private PlatformException tooLarge() {
		return new PlatformException(ProblemType.RECORD_BATCH_TOO_LARGE,
				"A batch body may be at most " + this.maxBatchBytes + " bytes");
	}

}
