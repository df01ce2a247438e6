/**
 * The durable asynchronous-invocation queue: the enqueue API, the workers that claim and
 * dispatch queued events, Lambda's retry rules, on-success and on-failure destinations,
 * and the dead-letter store. Event sources feed it through {@link AsyncInvocations}.
 *
 * <h2>Delivery guarantees</h2>
 * <ul>
 * <li><b>Nothing accepted is lost.</b> The enqueue API answers {@code 202} only after the
 * event's row is committed (table {@code router.async_invocation}). From then on, each
 * event ends either delivered ({@code SUCCEEDED}) or in the dead-letter store
 * ({@code DEAD}) with its reason; it is never dropped silently. A destination record is
 * written in the same transaction as the outcome it reports, so it is as durable as the
 * outcome.</li>
 * <li><b>At least once.</b> A router claims due rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, marks them {@code RUNNING} under a lease and
 * commits, invokes the function outside any transaction, then records the outcome in a
 * new transaction fenced by the lease. If the router dies in between ({@code kill -9}, a
 * lost machine), the lease expires and any router returns the row to the queue, and the
 * event is invoked again. So a function may see an event more than once (it may have run
 * before the crash), and should be idempotent, as on Lambda; the request id (the
 * invocation id) is the same on every attempt, for deduplication. A repeated
 * {@code Idempotency-Key} enqueues nothing: the key is remembered as long as the row (the
 * retention for finished rows, forever for dead letters).</li>
 * <li><b>Retries, as Lambda's.</b> A function error is retried
 * {@code maximumRetryAttempts} times (0–2, default 2) after about 1 and 2 minutes, then
 * fails with {@code RetriesExhausted}. A throttle, lack of capacity or platform error
 * (the function did not start) is retried with back-off from 1 s doubling to 5 minutes,
 * without counting as an attempt, until the event is older than
 * {@code maximumEventAgeSeconds} (default 6 hours): {@code EventAgeExceeded}. A failure
 * goes to the dead-letter store and, with Lambda's destination record, to the on-failure
 * destination; a success goes to the on-success destination. Settings are those of the
 * exact qualifier invoked, as on Lambda.</li>
 * <li><b>Destinations.</b> A destination record is a queued row of its own, delivered at
 * least once to a function (an asynchronous invocation), an http(s) webhook, or an SQS
 * queue (the message body, on the SQS server the queue event sources use, through the
 * {@link QueueSender} the queue feature provides), or an S3 bucket (one object, through
 * the {@link BucketWriter} the bucket feature provides; on-failure destinations only, as
 * on Lambda); failures are retried with back-off, then dead-lettered. SNS topics,
 * EventBridge buses, Kafka topics and FIFO queues are not delivered to: their records go
 * straight to the dead-letter store as {@code DestinationUnsupported}, redrivable.</li>
 * <li><b>Reserved concurrency.</b> A router never runs more invocations of a function at
 * once than its reserved concurrency; reserved concurrency 0 fails events at once
 * ({@code ZeroReservedConcurrency}) without invoking. The count is per router: with
 * several routers on one database, each may run up to the reservation (the invokers,
 * which see synchronous and asynchronous invocations alike, are where a global limit
 * belongs; their 429 is retried here with back-off).</li>
 * <li><b>Order.</b> Due events are claimed oldest-due first across all functions; no
 * ordering is promised, as on Lambda.</li>
 * </ul>
 * Several routers may share the table: {@code SKIP LOCKED} keeps their claims apart and
 * leases recover each other's work. Their clocks should be in sync.
 *
 * <h2>API</h2> (internal: callers present the services' internal token)
 * <ul>
 * <li>{@code POST
 * /internal/v1/namespaces/{ns}/functions/{fn}/async-invocations?qualifier=} with the raw
 * event; headers {@code Idempotency-Key}, {@code Aloft-Source},
 * {@code Aloft-Config-Revision}; {@code 202 {"invocationId"}} and {@code Location};</li>
 * <li>{@code GET /internal/v1/async-invocations/{id}}: state, attempts, times,
 * reason;</li>
 * <li>{@code GET /internal/v1/dead-letters?namespace=&function=&limit=&pageToken=},
 * {@code GET /internal/v1/dead-letters/{id}} (with the payload), {@code POST
 * /internal/v1/dead-letters/{id}/redrive} (202, same id, fresh event age), {@code DELETE
 * /internal/v1/dead-letters/{id}} (204). Dead letters stay until redriven or discarded;
 * finished rows are purged after the retention.</li>
 * </ul>
 */
@NullMarked
package dev.aloft.router.dispatch;

import org.jspecify.annotations.NullMarked;
