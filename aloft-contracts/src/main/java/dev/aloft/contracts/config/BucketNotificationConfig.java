package dev.aloft.contracts.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A bucket notification: object events from a bucket that match invoke a function
 * (asynchronously) with the S3 event JSON.
 *
 * @param id the notification's identifier
 * @param namespace the owning namespace
 * @param bucket the bucket's name
 * @param functionName the function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param events event types with wildcards, e.g. {@code s3:ObjectCreated:*}
 * @param prefix the key prefix objects must have, if any
 * @param suffix the key suffix objects must have, if any
 */
public record BucketNotificationConfig(String id, String namespace, String bucket, String functionName,
		String qualifier, List<String> events, @Nullable String prefix,
		@Nullable String suffix) implements ConfigResource {

	@Override
	public ResourceKind kind() {
		return ResourceKind.BUCKET_NOTIFICATION;
	}

	@Override
	public String key() {
		return this.id;
	}

}
