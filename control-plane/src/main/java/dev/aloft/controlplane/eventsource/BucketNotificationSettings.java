package dev.aloft.controlplane.eventsource;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a bucket notification listens to, checked: a valid bucket name, S3 event types and
 * an optional key filter.
 *
 * @param bucket the bucket
 * @param events the event types, each once
 * @param prefix the key prefix, or null for any
 * @param suffix the key suffix, or null for any
 */
record BucketNotificationSettings(String bucket, List<String> events, @Nullable String prefix,
		@Nullable String suffix) {

	private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");

	private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
			"--table-s3");

	/**
	 * Checks a request.
	 * @param request the request
	 * @return the settings
	 * @throws InvalidTriggerException when the bucket name or an event type is invalid
	 */
	static BucketNotificationSettings of(BucketNotificationRequest request) {
		requireBucketName(request.bucket());
		return new BucketNotificationSettings(request.bucket(), S3EventTypes.checked(request.events()),
				emptyAsNull(request.prefix()), emptyAsNull(request.suffix()));
	}

	/**
	 * S3's rules for general purpose bucket names.
	 */
	private static void requireBucketName(String bucket) {
		boolean valid = BUCKET_NAME.matcher(bucket).matches() && !bucket.contains("..")
				&& !IP_ADDRESS.matcher(bucket).matches() && RESERVED_PREFIXES.stream().noneMatch(bucket::startsWith)
				&& RESERVED_SUFFIXES.stream().noneMatch(bucket::endsWith);
		if (!valid) {
			throw new InvalidTriggerException("/bucket", "Bucket name '" + bucket
					+ "' breaks S3's naming rules: 3-63 lowercase letters, digits, '.' and '-', starting and ending "
					+ "with a letter or digit, no '..', not an IP address, no reserved prefix or suffix");
		}
	}

	private static @Nullable String emptyAsNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * The first event type this notification shares with another one of the same bucket
	 * for keys both match, as S3 checks: some event type overlaps, and so do both the
	 * prefixes (one starts with the other) and the suffixes (one ends with the other).
	 * @param other the other notification's settings
	 * @return a shared event type, or null when they do not overlap
	 */
	@Nullable String overlap(BucketNotificationSettings other) {
		if (!prefixesOverlap(this.prefix, other.prefix) || !suffixesOverlap(this.suffix, other.suffix)) {
			return null;
		}
		for (String event : this.events) {
			for (String otherEvent : other.events) {
				if (S3EventTypes.overlap(event, otherEvent)) {
					return event;
				}
			}
		}
		return null;
	}

	private static boolean prefixesOverlap(@Nullable String first, @Nullable String second) {
		return first == null || second == null || first.startsWith(second) || second.startsWith(first);
	}

	private static boolean suffixesOverlap(@Nullable String first, @Nullable String second) {
		return first == null || second == null || first.endsWith(second) || second.endsWith(first);
	}

}
