package dev.aloft.controlplane.permission;

import java.util.UUID;

/**
 * The function a statement belongs to.
 *
 * @param namespace its namespace
 * @param name its name
 * @param id its identifier, which the statements' foreign key references
 */
record FunctionTarget(String namespace, String name, UUID id) {
}
