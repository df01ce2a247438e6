package dev.aloft.controlplane.eventsource;

import java.util.UUID;

/**
 * The function a trigger invokes, checked to exist.
 *
 * @param functionId the function's identifier (its rows go when the function does)
 * @param functionName the function's name
 * @param qualifier {@code $LATEST}, a published version or an alias
 */
record FunctionTarget(UUID functionId, String functionName, String qualifier) {

}
