package dev.aloft.router.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.aloft.contracts.config.EventSourceMappingConfig;
import dev.aloft.router.dispatch.EventSource;
import dev.aloft.router.invoke.InvokeResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settles one batch read from a Kafka mapping's partitions with Lambda's stream error
 * handling, until every record either reached the function with success or was given up
 * on:
 * <ul>
 * <li>records older than {@code maximumRecordAgeSeconds} (by their Kafka timestamp) are
 * not sent to the function: they go to the on-failure destination with
 * {@code RecordAgeExceeded};</li>
 * <li>a batch the function fails with is retried ({@code maximumRetryAttempts} times; -1
 * until its records are too old, but at most 10 times when the mapping has an on-failure
 * destination, as Lambda does); once out of retries it goes to the on-failure destination
 * with {@code RetryAttemptsExhausted};</li>
 * <li>with {@code ReportBatchItemFailures}, a partial batch response settles the records
 * before the lowest reported offset of each partition and retries the rest as a failed
 * attempt (see {@link KafkaItemFailures}); a malformed one fails the whole batch;</li>
 * <li>with {@code bisectBatchOnFunctionError}, a failed batch of more than one record is
 * split in two and the halves are tried in order, each with the retries its parent had
 * left (the split itself does not use one up), so that a bad record ends up alone;</li>
 * <li>throttles and platform errors (the function did not take the batch) are retried
 * without counting;</li>
 * <li>without an on-failure destination, what is given up on is logged and counted as
 * {@code dropped}, as Lambda discards it.</li>
 * </ul>
 * The halves of a batch run one after the other, so each partition's records reach the
 * function in order. After each step the consumer group's offsets are committed up to the
 * first record of each partition not yet settled, so a restart reads exactly those again;
 * a failure record is committed to the router's queue before the offsets move past its
 * records.
 */
final class KafkaBatches {

	/** With an on-failure destination, Lambda turns "retry for ever" into this many. */
	static final int RETRIES_WITH_DESTINATION = 10;

	private static final Logger logger = LoggerFactory.getLogger(KafkaBatches.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EventSourceMappingConfig mapping;

	private final BatchInvoker invoker;

	private final KafkaFailureRecord.Source source;

	private final Duration retryDelay;

	private final Clock clock;

	KafkaBatches(EventSourceMappingConfig mapping, BatchInvoker invoker, String bootstrapServers, Duration retryDelay,
			Clock clock) {
		this.mapping = mapping;
		this.invoker = invoker;
		this.source = new KafkaFailureRecord.Source(invoker.functionArn(mapping), mapping.qualifier(),
				mapping.eventSourceArn(), bootstrapServers);
		this.retryDelay = retryDelay;
		this.clock = clock;
	}

	/**
	 * Settles a batch.
	 * @param batch the records, in the order read
	 * @param consumer the consumer they came from
	 * @return the records left unsettled when the work was abandoned (the poller is
	 * stopping, or the partitions were taken away), to be read again; empty when all were
	 * settled
	 * @throws InterruptedException when interrupted
	 */
	List<ConsumerRecord<byte[], byte[]>> settle(List<ConsumerRecord<byte[], byte[]>> batch, Progress consumer)
			throws InterruptedException {
		Deque<Run> pending = new ArrayDeque<>();
		pending.add(new Run(batch));
		while (!pending.isEmpty()) {
			Run run = pending.peekFirst();
			List<ConsumerRecord<byte[], byte[]>> expired = expired(run.records);
			if (!expired.isEmpty()) {
				if (!giveUp(run, expired, KafkaFailureRecord.RECORD_AGE_EXCEEDED, consumer)) {
					return unsettled(pending);
				}
				run.records.removeAll(expired);
				if (run.records.isEmpty()) {
					pending.removeFirst();
					consumer.commit(offsets(batch, pending));
					continue;
				}
			}
			String requestId = UUID.randomUUID().toString();
			InvokeResult result = this.invoker.invoke(this.mapping,
					KafkaRecords.event(run.records, this.source.bootstrapServers()), EventSource.KAFKA, requestId);
			List<ConsumerRecord<byte[], byte[]>> failed = (result.kind() == InvokeResult.Kind.SUCCESS)
					? KafkaItemFailures.failed(result, run.records, this.mapping.reportBatchItemFailures())
					: run.records;
			if (failed.isEmpty()) {
				this.invoker.records(EventSource.KAFKA, "succeeded", run.records.size());
				pending.removeFirst();
				consumer.commit(offsets(batch, pending));
				continue;
			}
			if (failed.size() < run.records.size()) {
				// A partial batch response: what precedes the reported records succeeded;
				// the rest is retried, as a failed attempt, from the lowest reported
				// offset.
				run.invoked(requestId, result);
				this.invoker.records(EventSource.KAFKA, "succeeded", run.records.size() - failed.size());
				this.invoker.records(EventSource.KAFKA, "failed", failed.size());
				Run rest = run.rest(failed);
				rest.failures++;
				pending.removeFirst();
				pending.addFirst(rest);
				consumer.commit(offsets(batch, pending));
				if (!retryOrGiveUp(rest, batch, pending, consumer)) {
					return unsettled(pending);
				}
				continue;
			}
			if (result.kind() != InvokeResult.Kind.FUNCTION_ERROR && result.kind() != InvokeResult.Kind.SUCCESS) {
				// The function did not take the batch: not a retry, as on Lambda. (A
				// success whose partial batch response fails the whole batch counts as
				// a function error.)
				if (!consumer.pause(this.retryDelay)) {
					return unsettled(pending);
				}
				continue;
			}
			run.invoked(requestId, result);
			this.invoker.records(EventSource.KAFKA, "failed", run.records.size());
			if (this.mapping.bisectBatchOnFunctionError() && run.records.size() > 1) {
				pending.removeFirst();
				int half = run.records.size() / 2;
				pending.addFirst(run.part(half, run.records.size()));
				pending.addFirst(run.part(0, half));
				continue;
			}
			run.failures++;
			if (!retryOrGiveUp(run, batch, pending, consumer)) {
				return unsettled(pending);
			}
		}
		return List.of();
	}

	/**
	 * After a failed attempt of the first pending run: waits to retry it, or, out of
	 * retries, gives it up and moves on.
	 * @return false when the poller must abandon the batch
	 */
	private boolean retryOrGiveUp(Run run, List<ConsumerRecord<byte[], byte[]>> batch, Deque<Run> pending,
			Progress consumer) throws InterruptedException {
		int retries = maximumRetryAttempts();
		if (retries >= 0 && run.failures > retries) {
			if (!giveUp(run, run.records, KafkaFailureRecord.RETRIES_EXHAUSTED, consumer)) {
				return false;
			}
			pending.removeFirst();
			consumer.commit(offsets(batch, pending));
			return true;
		}
		return consumer.pause(this.retryDelay);
	}

	private int maximumRetryAttempts() {
		int retries = this.mapping.maximumRetryAttempts();
		return (retries < 0 && hasDestination()) ? RETRIES_WITH_DESTINATION : retries;
	}

	private boolean hasDestination() {
		return this.mapping.onFailureDestination() != null && !this.mapping.onFailureDestination().isBlank();
	}

	private List<ConsumerRecord<byte[], byte[]>> expired(List<ConsumerRecord<byte[], byte[]>> records) {
		int maximumAge = this.mapping.maximumRecordAgeSeconds();
		if (maximumAge < 0) {
			return List.of();
		}
		long oldest = this.clock.millis() - Duration.ofSeconds(maximumAge).toMillis();
		return records.stream().filter((record) -> record.timestamp() < oldest).toList();
	}

	/**
	 * Hands records over to the on-failure destination, trying again until the record is
	 * durable; or, without a destination, logs and counts them.
	 * @return false when the poller must abandon the batch instead
	 */
	private boolean giveUp(Run run, List<ConsumerRecord<byte[], byte[]>> records, String condition, Progress consumer)
			throws InterruptedException {
		String destination = this.mapping.onFailureDestination();
		if (destination == null || destination.isBlank()) {
			logger.warn("Mapping {}: discarding {} records ({}) after {} invocations; it has no on-failure destination",
					this.mapping.id(), records.size(), condition, run.invocations);
			this.invoker.records(EventSource.KAFKA, "dropped", records.size());
			return true;
		}
		KafkaFailureRecord.Failure failure = new KafkaFailureRecord.Failure(
				(run.requestId != null) ? run.requestId : UUID.randomUUID().toString(), condition, run.invocations,
				run.lastResponse, this.clock.instant());
		byte[] record = KafkaFailureRecord.write(JSON, this.source, failure, records);
		while (true) {
			try {
				this.invoker.deliverFailure(this.mapping, destination, record);
				logger.info("Mapping {}: {} records sent to the on-failure destination ({})", this.mapping.id(),
						records.size(), condition);
				this.invoker.records(EventSource.KAFKA, "on_failure_destination", records.size());
				return true;
			}
			catch (RuntimeException ex) {
				logger.warn("Mapping {}: cannot store the failure record of {} records yet; retrying in {}: {}",
						this.mapping.id(), records.size(), this.retryDelay, ex.toString());
				if (!consumer.pause(this.retryDelay)) {
					return false;
				}
			}
		}
	}

	/**
	 * The offsets to commit: for each partition of the batch, its first record not yet
	 * settled, or the one after its last record when all are.
	 */
	private static Map<TopicPartition, Long> offsets(List<ConsumerRecord<byte[], byte[]>> batch, Deque<Run> pending) {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : batch) {
			offsets.merge(partition(record), record.offset() + 1, Math::max);
		}
		for (Run run : pending) {
			for (ConsumerRecord<byte[], byte[]> record : run.records) {
				offsets.merge(partition(record), record.offset(), Math::min);
			}
		}
		return offsets;
	}

	private static List<ConsumerRecord<byte[], byte[]>> unsettled(Deque<Run> pending) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		pending.forEach((run) -> records.addAll(run.records));
		return records;
	}

	private static TopicPartition partition(ConsumerRecord<byte[], byte[]> record) {
		return new TopicPartition(record.topic(), record.partition());
	}

	/**
	 * What the poller does between attempts and after each settled step.
	 */
	interface Progress {

		/**
		 * Commits the consumer group's offsets.
		 * @param offsets the next offset to read, by partition
		 */
		void commit(Map<TopicPartition, Long> offsets);

		/**
		 * Waits before the next attempt, keeping the consumer in its group.
		 * @param delay how long
		 * @return false when the batch must be abandoned (stopping, partitions revoked)
		 * @throws InterruptedException when interrupted
		 */
		boolean pause(Duration delay) throws InterruptedException;

	}

	/**
	 * Records tried together (a batch, or a part of a failed one) and what happened to
	 * them so far.
	 */
	private static final class Run {

		final List<ConsumerRecord<byte[], byte[]>> records;

		int failures;

		int invocations;

		@Nullable String requestId;

		@Nullable InvokeResult lastResponse;

		Run(List<ConsumerRecord<byte[], byte[]>> records) {
			this.records = new ArrayList<>(records);
		}

		void invoked(String requestId, InvokeResult response) {
			this.invocations++;
			this.requestId = requestId;
			this.lastResponse = response;
		}

		Run part(int from, int to) {
			return rest(this.records.subList(from, to));
		}

		/**
		 * Some of this run's records, with its history.
		 */
		Run rest(List<ConsumerRecord<byte[], byte[]>> records) {
			Run part = new Run(records);
			part.failures = this.failures;
			part.invocations = this.invocations;
			part.requestId = this.requestId;
			part.lastResponse = this.lastResponse;
			return part;
		}

	}

}
