/**
 * Schedules: each enabled schedule on the configuration feed ({@code rate}, six-field
 * {@code cron} and {@code at} expressions, in the schedule's time zone) is fired by
 * enqueueing an asynchronous invocation with EventBridge's "Scheduled Event" envelope (or
 * the schedule's own input).
 * <h2>Guarantees</h2>
 * <ul>
 * <li><b>Each tick fires once</b>, however many routers share the database: a router
 * fires a tick by moving the schedule's row in {@code router.schedule_tick} forward and
 * enqueueing the invocation in one transaction, under the row's lock.</li>
 * <li><b>No storm after downtime</b>: a router that was down (or every router) fires the
 * latest missed tick once, and skips the older ones.</li>
 * <li>Ticks are instants the expression names; the envelope's {@code time} is the tick,
 * not the moment it was fired, and its {@code id} is derived from the schedule and the
 * tick, so a function can tell a repeated delivery of the same tick.</li>
 * </ul>
 */
@NullMarked
package dev.aloft.router.schedule;

import org.jspecify.annotations.NullMarked;
