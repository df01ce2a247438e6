/**
 * EventBridge schedule expressions: {@code rate(...)}, six-field {@code cron(...)} and
 * one-time {@code at(...)}. Parses and validates what users submit (with messages that
 * say what is wrong and where), and evaluates when a schedule fires in a time zone,
 * across daylight-saving changes, with a catch-up rule that fires once after downtime.
 * <p>
 * Start at {@link dev.aloft.schedule.ScheduleExpression#parse(String)}; the router binds
 * an expression to its zone and start with {@link dev.aloft.schedule.ScheduleTicks}.
 */
@NullMarked
package dev.aloft.schedule;

import org.jspecify.annotations.NullMarked;
