package dev.aloft.controlplane.function;

/**
 * Published inside the transaction that deletes a function, before its row goes, so that
 * features hanging off a function (triggers, function URLs) can retract what they
 * published on the feed. Their rows go with the function by {@code ON DELETE CASCADE};
 * the feed entries would otherwise outlive it.
 *
 * @param namespace the namespace
 * @param functionName the function being deleted
 */
public record FunctionDeleting(String namespace, String functionName) {

}
