package dev.aloft.invoker.spi;

/**
 * Identifies the owner of sandboxes: one invoker instance.
 *
 * @param instance the invoker instance id, the value of
 * {@link SandboxSpec#INSTANCE_LABEL}
 */
public record OwnerLabels(String instance) {
}
