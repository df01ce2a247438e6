package dev.aloft.controlplane.configfeed;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Which revision each live follower holds. A follower acknowledges revision {@code N} by
 * asking for the changes after it; writes wait here until every live follower holds them,
 * so whoever made a change can use it at once through the gateway.
 * <p>
 * Acknowledgements live in this process: with several control-plane replicas, a write
 * waits for the followers connected to the replica that served it.
 */
@Component
class FollowerAcknowledgements {

	private static final Logger logger = LoggerFactory.getLogger(FollowerAcknowledgements.class);

	private final ConfigFeedProperties properties;

	private final Map<String, Acknowledgement> followers = new HashMap<>();

	FollowerAcknowledgements(ConfigFeedProperties properties) {
		this.properties = properties;
	}

	synchronized void acknowledge(String follower, long revision) {
		this.followers.put(follower, new Acknowledgement(revision, System.nanoTime()));
		notifyAll();
	}

	/**
	 * Waits until every live follower holds a revision, at most the propagation wait.
	 * @return whether they all do
	 */
	synchronized boolean awaitAll(long revision) throws InterruptedException {
		long deadline = System.nanoTime() + this.properties.propagationWait().toNanos();
		while (true) {
			long now = System.nanoTime();
			long expiredBefore = now - this.properties.followerExpiry().toNanos();
			this.followers.values().removeIf((ack) -> ack.seenNanos() < expiredBefore);
			String behind = this.followers.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().revision() < revision)
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse(null);
			if (behind == null) {
				return true;
			}
			long remaining = Duration.ofNanos(deadline - now).toMillis();
			if (remaining <= 0) {
				logger.debug("Follower {} did not acknowledge revision {} in time", behind, revision);
				return false;
			}
			wait(remaining);
		}
	}

	/**
	 * The revision a follower holds, and when it last asked for changes.
	 */
	private record Acknowledgement(long revision, long seenNanos) {
	}

}
