package dev.aloft.controlplane.accesskey;

/**
 * Published inside the transaction that deletes an access key, before its row goes, so
 * that features holding grants to the key (functions' resource policies) can retract what
 * they published on the feed. Their rows go with the key by {@code ON DELETE CASCADE};
 * the feed entries would otherwise outlive it.
 *
 * @param accessKeyId the key being deleted
 */
public record AccessKeyDeleting(String accessKeyId) {

}
