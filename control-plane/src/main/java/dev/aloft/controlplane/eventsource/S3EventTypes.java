package dev.aloft.controlplane.eventsource;

import java.util.List;
import java.util.Set;

/**
 * The S3 event types a notification may subscribe to, with S3's wildcards: a
 * {@code s3:<Group>:*} type stands for every type of the group.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html">Supported
 * event types</a>
 */
final class S3EventTypes {

	private static final Set<String> SUPPORTED = Set.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put",
			"s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
			"s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
			"s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
			"s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:Replication:OperationFailedReplication",
			"s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
			"s3:Replication:OperationNotTracked", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
			"s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition", "s3:IntelligentTiering",
			"s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put");

	private static final String WILDCARD = "*";

	private S3EventTypes() {
	}

	/**
	 * Checks event types, and drops repeats.
	 * @param events the types, as given
	 * @return the types, each once, in the order given
	 * @throws InvalidTriggerException when one is not an S3 event type
	 */
	static List<String> checked(List<String> events) {
		for (int i = 0; i < events.size(); i++) {
			if (!SUPPORTED.contains(events.get(i))) {
				throw new InvalidTriggerException("/events/" + i,
						"The event '" + events.get(i)
								+ "' is not supported for notifications; use a type such as s3:ObjectCreated:*, "
								+ "s3:ObjectCreated:Put or s3:ObjectRemoved:*");
			}
		}
		return events.stream().distinct().toList();
	}

	/**
	 * Whether two event types share an event: they are equal, or one is the other's group
	 * wildcard.
	 * @param first an event type
	 * @param second another event type
	 * @return true when some event matches both
	 */
	static boolean overlap(String first, String second) {
		return first.equals(second) || covers(first, second) || covers(second, first);
	}

	private static boolean covers(String wildcard, String event) {
		return wildcard.endsWith(WILDCARD)
				&& event.startsWith(wildcard.substring(0, wildcard.length() - WILDCARD.length()));
	}

}
