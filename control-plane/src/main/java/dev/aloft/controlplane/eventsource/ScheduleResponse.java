package dev.aloft.controlplane.eventsource;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A schedule as the API shows it.
 *
 * @param id the schedule's identifier
 * @param namespace the owning namespace
 * @param name the schedule's name
 * @param function the target function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param expression the expression, in its canonical spelling
 * @param timeZone the IANA time zone
 * @param input the JSON payload, or absent for the "Scheduled Event" envelope
 * @param enabled whether it fires
 * @param createdAt when it was created: the anchor of a {@code rate} schedule's ticks
 * @param updatedAt when it last changed
 * @param entityVersion the version its ETag names; not part of the JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleResponse(String id, String namespace, String name, String function, String qualifier,
		String expression, String timeZone, @Nullable String input, boolean enabled, Instant createdAt,
		Instant updatedAt, @JsonIgnore long entityVersion) {

	static ScheduleResponse from(Schedule schedule) {
		return new ScheduleResponse(schedule.id().toString(), schedule.namespace(), schedule.name(),
				schedule.functionName(), schedule.qualifier(), schedule.expression(), schedule.timeZone(),
				schedule.input(), schedule.enabled(), schedule.createdAt(), schedule.updatedAt(),
				schedule.entityVersion());
	}

}
