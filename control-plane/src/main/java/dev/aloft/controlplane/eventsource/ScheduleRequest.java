package dev.aloft.controlplane.eventsource;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a schedule, or replaces one (the whole schedule: what is left out takes its
 * default).
 *
 * @param name 1–64 letters, digits, '.', '_' or '-', unique in the namespace
 * @param function the target function, in the same namespace
 * @param qualifier {@code $LATEST} (when absent), a published version or an alias
 * @param expression {@code rate(value unit)}, six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)} or one-time
 * {@code at(yyyy-mm-ddThh:mm:ss)}, as EventBridge Scheduler accepts them
 * @param timeZone the IANA time zone cron and at expressions are read in, e.g.
 * {@code Europe/Paris}; {@code UTC} when absent
 * @param input the JSON the function receives, up to 8192 characters; when absent it
 * receives EventBridge's "Scheduled Event" envelope
 * @param enabled whether the schedule fires; true when absent
 */
public record ScheduleRequest(@NotBlank @Pattern(regexp = "[0-9a-zA-Z._-]{1,64}") String name,
		@NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String function,
		@Nullable @Size(min = 1, max = 128) @Pattern(regexp = "\\$LATEST|[a-zA-Z0-9_-]+") String qualifier,
		@NotNull @Size(max = 256) String expression, @Nullable @Size(min = 1, max = 64) String timeZone,
		@Nullable @Size(max = 8192) String input, @Nullable Boolean enabled) {

}
