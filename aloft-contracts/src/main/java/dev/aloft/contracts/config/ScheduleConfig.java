package dev.aloft.contracts.config;

import org.jspecify.annotations.Nullable;

/**
 * A schedule: the router invokes a function (asynchronously) at each tick of an
 * expression.
 *
 * @param id the schedule's identifier
 * @param namespace the owning namespace
 * @param name the schedule's name, unique in the namespace
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param expression {@code rate(...)}, six-field {@code cron(...)} or {@code at(...)}
 * @param timeZone the IANA time zone cron and at expressions are read in
 * @param input the payload to send; null sends EventBridge's "Scheduled Event" envelope
 * @param enabled whether it fires
 * @param createdAtEpochMillis when it was created: the anchor of a {@code rate}
 * schedule's ticks
 */
public record ScheduleConfig(String id, String namespace, String name, String functionName, String qualifier,
		String expression, String timeZone, @Nullable String input, boolean enabled,
		long createdAtEpochMillis) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.SCHEDULE;
	}

	@Override
	public String key() {
		return this.id;
	}

}
