package dev.aloft.controlplane.configfeed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configuration feed.
 *
 * @param propagationWait how long a write waits, after it commits, for every live
 * follower to hold it before answering; a slow or vanished follower delays writes by at
 * most this
 * @param followerExpiry how long after its last request a follower stops counting as live
 * (more than the longest long-poll)
 * @param tombstoneRetention how long the feed keeps the tombstones of deleted resources;
 * a follower that was away for longer reloads the snapshot instead of reading changes
 * @param compactionInterval how often tombstones older than the retention are removed
 */
@Validated
@ConfigurationProperties("aloft.control-plane.feed")
record ConfigFeedProperties(@DefaultValue("1s") Duration propagationWait, @DefaultValue("90s") Duration followerExpiry,
		@DefaultValue("1h") Duration tombstoneRetention, @DefaultValue("5m") Duration compactionInterval) {

	ConfigFeedProperties {
		if (followerExpiry.compareTo(Duration.ofSeconds(61)) < 0) {
			throw new IllegalArgumentException("follower-expiry must exceed the longest long-poll (60s)");
		}
		if (tombstoneRetention.compareTo(followerExpiry) < 0) {
			// A live follower must never find its revision compacted away.
			throw new IllegalArgumentException("tombstone-retention must be at least follower-expiry");
		}
		if (compactionInterval.isNegative() || compactionInterval.isZero()) {
			throw new IllegalArgumentException("compaction-interval must be positive");
		}
	}

}
