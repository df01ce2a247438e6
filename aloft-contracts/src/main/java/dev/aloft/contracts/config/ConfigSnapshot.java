package dev.aloft.contracts.config;

import java.util.List;

/**
 * Every live resource as of one revision. A follower starts from a snapshot and then asks
 * for the changes after its revision.
 *
 * @param revision the revision this snapshot reflects
 * @param resources the live resources
 */
public record ConfigSnapshot(long revision, List<ConfigResource> resources) {
}
