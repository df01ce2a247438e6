package dev.aloft.controlplane.eventsource;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a bucket notification, or replaces one.
 *
 * @param bucket the bucket's name, by S3's naming rules (3–63 lowercase letters, digits,
 * '.' and '-')
 * @param function the target function, in the same namespace
 * @param qualifier {@code $LATEST} (when absent), a published version or an alias
 * @param events S3 event types, at least one, e.g. {@code s3:ObjectCreated:*} or
 * {@code s3:ObjectRemoved:Delete}
 * @param prefix the key prefix objects must have, if any
 * @param suffix the key suffix objects must have, if any
 */
public record BucketNotificationRequest(@NotBlank @Size(min = 3, max = 63) String bucket,
		@NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String function,
		@Nullable @Size(min = 1, max = 128) @Pattern(regexp = "\\$LATEST|[a-zA-Z0-9_-]+") String qualifier,
		@NotEmpty @Size(max = 50) List<@NotNull String> events, @Nullable @Size(max = 1024) String prefix,
		@Nullable @Size(max = 1024) String suffix) {

}
