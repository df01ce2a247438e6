package dev.aloft.controlplane.eventsource;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.contracts.config.BucketNotificationConfig;
import org.jspecify.annotations.Nullable;

/**
 * A bucket notification as the API shows it.
 *
 * @param id the notification's identifier (S3's {@code configurationId})
 * @param namespace the owning namespace
 * @param bucket the bucket
 * @param function the target function
 * @param qualifier {@code $LATEST}, a version or an alias
 * @param events the event types
 * @param prefix the key prefix, or absent
 * @param suffix the key suffix, or absent
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param entityVersion the version its ETag names; not part of the JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BucketNotificationResponse(String id, String namespace, String bucket, String function, String qualifier,
		List<String> events, @Nullable String prefix, @Nullable String suffix, Instant createdAt, Instant updatedAt,
		@JsonIgnore long entityVersion) {

	static BucketNotificationResponse from(BucketNotification notification) {
		BucketNotificationConfig config = notification.config();
		return new BucketNotificationResponse(config.id(), config.namespace(), config.bucket(), config.functionName(),
				config.qualifier(), config.events(), config.prefix(), config.suffix(), notification.createdAt(),
				notification.updatedAt(), notification.entityVersion());
	}

}
