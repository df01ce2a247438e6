package dev.aloft.controlplane.eventsource;

import java.time.ZoneId;
import java.util.Objects;

import dev.aloft.schedule.InvalidScheduleExpressionException;
import dev.aloft.schedule.ScheduleExpression;
import org.jspecify.annotations.Nullable;

/**
 * A schedule's settings, checked: an expression EventBridge Scheduler accepts (kept in
 * its canonical spelling), an IANA time zone and JSON input.
 *
 * @param expression the expression
 * @param timeZone the time zone's IANA id
 * @param input the JSON payload, or null for the "Scheduled Event" envelope
 * @param enabled whether it fires
 */
record ScheduleSettings(String expression, String timeZone, @Nullable String input, boolean enabled) {

	/** The time zone of a schedule that names none. */
	static final String DEFAULT_TIME_ZONE = "UTC";

	/**
	 * Checks a request.
	 * @param request the request
	 * @return the settings
	 * @throws InvalidTriggerException when the expression, time zone or input is invalid
	 */
	static ScheduleSettings of(ScheduleRequest request) {
		String expression;
		try {
			expression = ScheduleExpression.parse(request.expression()).expression();
		}
		catch (InvalidScheduleExpressionException ex) {
			throw new InvalidTriggerException("/expression", String.valueOf(ex.getMessage()));
		}
		String timeZone = Objects.requireNonNullElse(request.timeZone(), DEFAULT_TIME_ZONE);
		if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
			throw new InvalidTriggerException("/timeZone",
					"timeZone '" + timeZone + "' is not an IANA time zone id, such as UTC or Europe/Paris");
		}
		String input = request.input();
		if (input != null && JsonText.read(input) == null) {
			throw new InvalidTriggerException("/input",
					"input must be one valid JSON value, e.g. {\"job\":\"nightly\"}");
		}
		return new ScheduleSettings(expression, timeZone, input, Objects.requireNonNullElse(request.enabled(), true));
	}

}
