/**
 * Triggers: what invokes functions besides HTTP routes. Event-source mappings (the router
 * polls an SQS queue, a RabbitMQ queue or a Kafka topic and invokes a function with
 * batches), schedules (rate, cron and at expressions) and bucket notifications (object
 * events of a bucket). Each is published on the configuration feed for the event router.
 * <p>
 * {@link dev.aloft.controlplane.eventsource.EventSourceMappingService},
 * {@link dev.aloft.controlplane.eventsource.ScheduleService} and
 * {@link dev.aloft.controlplane.eventsource.BucketNotificationService} are the feature's
 * API, also for the Lambda-compatible management API.
 */
@NullMarked
package dev.aloft.controlplane.eventsource;

import org.jspecify.annotations.NullMarked;
