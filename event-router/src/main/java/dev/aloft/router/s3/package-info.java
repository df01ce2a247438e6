/**
 * Object events: MinIO's webhook target (or anything that posts S3 event notifications
 * the same way) posts to {@code POST /webhooks/s3}; its AMQP target publishes them to an
 * exchange whose queue the router consumes ({@code aloft.event-router.s3.amqp.*}); its
 * Kafka target produces them to a topic the router consumes
 * ({@code aloft.event-router.s3.kafka.*}). Each record is matched against the bucket
 * notifications on the configuration feed (bucket, event types with S3's
 * {@code s3:<Group>:*} wildcards, prefix and suffix of the URL-decoded key), and every
 * match enqueues one asynchronous invocation with S3's event JSON,
 * {@code {"Records":[…]}}.
 * <p>
 * The records reach the function as S3 writes them: the key stays URL-encoded,
 * {@code eventName} has no {@code s3:} prefix, {@code eventSource} is {@code aws:s3}, and
 * {@code s3.configurationId} is the notification's id. The webhook is authenticated with
 * a configured bearer token; a body that cannot be read is answered with a problem and
 * enqueues nothing. A message is acked (AMQP) or committed past (Kafka) only once its
 * invocations are committed; one that is not an S3 event notification is logged with the
 * reason, counted ({@code aloft.events.s3.messages}, {@code outcome=malformed}) and set
 * aside (the AMQP queue's dead-letter exchange). A repeated delivery of the same event
 * (MinIO retries) enqueues nothing new: the event's {@code sequencer} is part of the
 * idempotency key.
 */
@NullMarked
package dev.aloft.router.s3;

import org.jspecify.annotations.NullMarked;
