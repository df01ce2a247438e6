package dev.aloft.router.s3;

import dev.aloft.contracts.config.BucketNotificationConfig;

/**
 * Whether a bucket notification wants an object event, as S3 decides: the same bucket,
 * one of its event types (a type ending in {@code *} stands for its whole group, e.g.
 * {@code s3:ObjectCreated:*}), and the key's prefix and suffix, compared with the
 * URL-decoded key.
 */
final class NotificationFilter {

	private static final String S3_PREFIX = "s3:";

	private static final String WILDCARD = "*";

	private NotificationFilter() {
	}

	static boolean matches(BucketNotificationConfig notification, ObjectEvent event) {
		if (!notification.bucket().equals(event.bucket())) {
			return false;
		}
		if (notification.prefix() != null && !event.key().startsWith(notification.prefix())) {
			return false;
		}
		if (notification.suffix() != null && !event.key().endsWith(notification.suffix())) {
			return false;
		}
		String type = S3_PREFIX + event.eventName();
		return notification.events().stream().anyMatch((wanted) -> covers(wanted, type));
	}

	static boolean covers(String wanted, String type) {
		if (wanted.endsWith(WILDCARD)) {
			return type.startsWith(wanted.substring(0, wanted.length() - WILDCARD.length()));
		}
		return wanted.equals(type);
	}

}
