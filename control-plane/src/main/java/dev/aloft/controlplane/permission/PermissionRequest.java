package dev.aloft.controlplane.permission;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A statement to add to a function's resource policy.
 *
 * @param accessKeyId the key that may invoke the function
 * @param qualifier the only qualifier it may invoke ({@code $LATEST}, a published version
 * or an alias), or absent for every qualifier
 */
public record PermissionRequest(@NotBlank @Size(max = 20) String accessKeyId,
		@Nullable @Size(min = 1, max = 128) String qualifier) {
}
