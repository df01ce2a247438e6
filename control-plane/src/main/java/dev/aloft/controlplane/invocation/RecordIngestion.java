package dev.aloft.controlplane.invocation;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import dev.aloft.contracts.records.RecordBatch;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores batches of invocation records and log lines from invokers: all of a batch in one
 * transaction, or none of it.
 * <p>
 * Idempotency: a record is one attempt of a request, {@code (requestId, invoker,
 * startedAt)}, and an attempt already stored is skipped. A batch sent with an
 * {@code Idempotency-Key} is stored once under that key, its log lines included (lines
 * have no identity of their own).
 * <p>
 * Batches are stored one at a time in this process, so log line ids become visible in the
 * order they grow, which live followers rely on.
 */
@Service
class RecordIngestion {

	private static final Logger logger = LoggerFactory.getLogger(RecordIngestion.class);

	/** What an {@code Idempotency-Key} may look like. */
	private static final Pattern BATCH_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final RecordBatchValidator validator;

	private final InvocationRecordStore records;

	private final FunctionLogStore logs;

	private final ReceivedBatches received;

	private final TransactionTemplate transaction;

	private final LogFollowers followers;

	private final Counter storedRecords;

	private final Counter storedLines;

	private final ReentrantLock storing = new ReentrantLock();

	private final Clock clock = Clock.systemUTC();

	RecordIngestion(RecordsProperties properties, RecordStores stores, PlatformTransactionManager transactionManager,
			LogFollowers followers, MeterRegistry meterRegistry) {
		this.validator = new RecordBatchValidator(properties);
		this.records = stores.records();
		this.logs = stores.logs();
		this.received = stores.received();
		this.transaction = new TransactionTemplate(transactionManager);
		this.followers = followers;
		this.storedRecords = stored(meterRegistry, "invocation-record");
		this.storedLines = stored(meterRegistry, "log-line");
	}

	private static Counter stored(MeterRegistry meterRegistry, String kind) {
		return Counter.builder("aloft.records.stored")
			.description("Invocation records and log lines stored")
			.tag("kind", kind)
			.register(meterRegistry);
	}

	/**
	 * Validates and stores a batch.
	 * @param batch the batch
	 * @param batchKey the sender's key for it, if any
	 * @return what was stored
	 * @throws PlatformException when the batch is too large or invalid; nothing is stored
	 */
	Stored ingest(RecordBatch batch, @Nullable String batchKey) {
		if (batchKey != null && !BATCH_KEY.matcher(batchKey).matches()) {
			throw new PlatformException(ProblemType.VALIDATION_FAILED,
					"Idempotency-Key must be 1 to 64 letters, digits or . _ : -");
		}
		RecordBatch valid = this.validator.validate(batch);
		Stored stored;
		this.storing.lock();
		try {
			stored = this.transaction.execute((status) -> {
				if (batchKey != null && !this.received.claim(batchKey, this.clock.instant())) {
					return Stored.DUPLICATE;
				}
				return new Stored(this.records.insert(valid.invocations()), this.logs.insert(valid.logs()), false);
			});
		}
		finally {
			this.storing.unlock();
		}
		if (stored == null) {
			throw new IllegalStateException("The batch transaction returned nothing");
		}
		this.storedRecords.increment(stored.records());
		this.storedLines.increment(stored.lines());
		if (stored.lines() > 0) {
			this.followers.linesStored();
		}
		logger.debug("Stored {} invocation records and {} log lines{}", stored.records(), stored.lines(),
				stored.duplicate() ? " (a batch stored before)" : "");
		return stored;
	}

	/**
	 * What one batch added.
	 *
	 * @param records new invocation records
	 * @param lines new log lines
	 * @param duplicate whether the batch had been stored before
	 */
	record Stored(int records, int lines, boolean duplicate) {

		static final Stored DUPLICATE = new Stored(0, 0, true);

	}

}
