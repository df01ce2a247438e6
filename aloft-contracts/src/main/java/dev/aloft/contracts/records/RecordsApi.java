package dev.aloft.contracts.records;

/**
 * The control plane's internal endpoint for records: {@code POST} {@link #BATCH_PATH} a
 * {@link RecordBatch} (with the internal token); {@code 202} once stored.
 */
public final class RecordsApi {

	/** Path that takes batches of records and log lines. */
	public static final String BATCH_PATH = "/internal/v1/invocation-records";

	private RecordsApi() {
	}

}
