package dev.aloft.controlplane.function;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Publishes {@code $LATEST} as a new version. Both preconditions are optional.
 *
 * @param description the version's description
 * @param codeSha256 publish only if {@code $LATEST}'s code still has this hex SHA-256
 * @param revisionId publish only if {@code $LATEST} still has this revision id
 */
public record PublishVersionRequest(@Nullable @Size(max = 256) String description,
		@Nullable @Pattern(regexp = "[0-9a-f]{64}") String codeSha256, @Nullable String revisionId) {

	static final PublishVersionRequest NONE = new PublishVersionRequest(null, null, null);

}
