package dev.aloft.router.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How schedules are fired.
 *
 * @param enabled whether this router fires schedules; any number of routers may, each
 * tick still fires once
 * @param maxWait the longest the ticker waits between passes, also when no tick is due
 * sooner (it wakes early for configuration changes)
 */
@Validated
@ConfigurationProperties("aloft.event-router.schedule")
record ScheduleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration maxWait) {

	ScheduleProperties {
		if (maxWait.isNegative() || maxWait.isZero()) {
			throw new IllegalArgumentException("max-wait must be positive");
		}
	}

}
