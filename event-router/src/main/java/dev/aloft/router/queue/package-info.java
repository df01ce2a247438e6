/**
 * Queue and stream event sources: one consumer per enabled event-source mapping on the
 * configuration feed, started, replaced and stopped as the feed changes. Like Lambda's
 * pollers, a consumer gathers a batch ({@code batchSize} records, or what arrived within
 * {@code maximumBatchingWindowSeconds}), invokes the function <b>synchronously</b>
 * through the invokers with SQS-shaped records ({@code {"Records":[…]}}, section 4.5 of
 * the Lambda contract), and settles the batch by the result.
 * <ul>
 * <li><b>SQS</b> (any SQS-compatible server, through the AWS SDK): long polling; the
 * visibility timeout is stretched to the function's timeout plus the window plus 30 s
 * when the queue's own is shorter, as Lambda does; a successful batch is deleted; a
 * failed one is left to reappear after the visibility timeout (the queue's redrive policy
 * takes poison messages); with {@code ReportBatchItemFailures} only the reported messages
 * stay. Up to {@code maximumConcurrency} batches (Lambda's {@code ScalingConfig};
 * {@code aloft.event-router.queue.sqs.default-concurrency}, 5, without one) are with the
 * function at once; the poller receives only when one of them is free.</li>
 * <li><b>RabbitMQ</b> (AMQP 0-9-1): prefetch is the batch size; a message is acked once
 * the function succeeded with it; a failing one is tried again a few times and then
 * rejected without requeue, so the queue's dead-letter exchange gets it.</li>
 * <li><b>Kafka</b> (self-managed clusters, by bootstrap servers): the consumer group is
 * the mapping's id; the function gets Lambda's Kafka event
 * ({@code "eventSource":"SelfManagedKafka"}, records by {@code <topic>-<partition>}, key
 * and value in base64); the starting position is {@code TRIM_HORIZON}, {@code LATEST} or
 * {@code AT_TIMESTAMP} (sought with {@code offsetsForTimes}); offsets are committed as
 * records are settled. Errors are handled as Lambda handles streams
 * ({@link KafkaBatches}): retries ({@code maximumRetryAttempts}, -1 until the records are
 * older than {@code maximumRecordAgeSeconds}, at most 10 with an on-failure destination),
 * {@code bisectBatchOnFunctionError}, records past their maximum age not invoked, and
 * Lambda's Kafka failure record ({@code KafkaBatchInfo}) queued durably for the mapping's
 * on-failure destination before the offsets move past the records. Each partition's
 * records reach the function in order. The batching window defaults to 500 ms, as
 * Lambda's.</li>
 * </ul>
 * The queue feature also sends destination records to SQS queues
 * ({@link SqsQueueSender}), on {@code aloft.event-router.queue.sqs.endpoint} with the
 * same credentials as the pollers.
 * <p>
 * RabbitMQ and Kafka consumers run one batch at a time; a function with reserved
 * concurrency 0 is not polled. Metrics: {@code aloft.events.dispatched} ({@code source}
 * {@code sqs} or {@code amqp}, {@code outcome}) per batch invoked,
 * {@code aloft.events.source.records} ({@code source}, {@code outcome}:
 * {@code succeeded}, {@code failed}, {@code dead_lettered}, {@code dropped},
 * {@code on_failure_destination}) per record, {@code aloft.events.source.consumers}
 * ({@code source}) for the consumers running and {@code aloft.events.source.lag}
 * ({@code source} {@code kafka}) for the records not yet consumed.
 */
@NullMarked
package dev.aloft.router.queue;

import org.jspecify.annotations.NullMarked;
