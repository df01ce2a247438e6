package dev.aloft.contracts.config;

import java.util.List;

/**
 * The answer to "what changed after revision N": each changed resource once, in its
 * latest state, ordered by revision.
 *
 * @param revision the revision the follower has reached once it applies these changes
 * @param changes the changes, oldest first; empty when nothing changed while waiting
 */
public record ConfigChanges(long revision, List<ConfigChange> changes) {
}
