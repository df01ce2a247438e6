package dev.aloft.router.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.aloft.contracts.config.ScheduleConfig;
import dev.aloft.router.EventRouterProperties;
import dev.aloft.router.catalog.FunctionCatalog;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The event a schedule's tick sends: the schedule's own input when it has one, otherwise
 * EventBridge's scheduled-rule envelope, field for field:
 * {@code {"version":"0","id":…,"detail-type":"Scheduled
 * Event","source":"aws.events","account":…,"time":…,"region":…,"resources":["arn:aws:events:<region>:<account>:rule/<name>"],"detail":{}}}.
 */
@Component
class ScheduledEvents {

	private final JsonMapper jsonMapper;

	private final EventRouterProperties router;

	private final FunctionCatalog catalog;

	ScheduledEvents(JsonMapper jsonMapper, EventRouterProperties router, FunctionCatalog catalog) {
		this.jsonMapper = jsonMapper;
		this.router = router;
		this.catalog = catalog;
	}

	/**
	 * The payload for a tick.
	 * @param schedule the schedule
	 * @param tick the tick fired
	 * @return the event's bytes
	 */
	byte[] payload(ScheduleConfig schedule, Instant tick) {
		if (schedule.input() != null) {
			return schedule.input().getBytes(StandardCharsets.UTF_8);
		}
		String account = this.catalog.accountId(schedule.namespace(), this.router.accountId());
		ObjectNode event = this.jsonMapper.createObjectNode();
		event.put("version", "0");
		event.put("id", eventId(schedule, tick).toString());
		event.put("detail-type", "Scheduled Event");
		event.put("source", "aws.events");
		event.put("account", account);
		// EventBridge's time has whole seconds: 2019-03-01T01:23:45Z.
		event.put("time", tick.truncatedTo(ChronoUnit.SECONDS).toString());
		event.put("region", this.router.region());
		event.putArray("resources").add(ruleArn(this.router.region(), account, schedule.name()));
		event.putObject("detail");
		return this.jsonMapper.writeValueAsBytes(event);
	}

	/**
	 * The event's id: the same for every delivery of one tick of one schedule, so a
	 * function can recognise a repeat.
	 */
	static UUID eventId(ScheduleConfig schedule, Instant tick) {
		return UUID.nameUUIDFromBytes((schedule.id() + "@" + tick).getBytes(StandardCharsets.UTF_8));
	}

	static String ruleArn(String region, String account, String name) {
		return "arn:aws:events:" + region + ":" + account + ":rule/" + name;
	}

}
