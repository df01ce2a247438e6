package dev.aloft.contracts.config;

import org.jspecify.annotations.Nullable;

/**
 * The latest state of one resource, written at {@code revision}.
 *
 * @param revision the revision at which the resource took this state
 * @param kind the resource's kind
 * @param key the resource's key
 * @param resource the new state, or {@code null} when the resource was deleted
 */
public record ConfigChange(long revision, ResourceKind kind, String key, @Nullable ConfigResource resource) {

	/**
	 * Whether this change deletes the resource.
	 * @return true for a deletion
	 */
	public boolean deleted() {
		return this.resource == null;
	}

}
