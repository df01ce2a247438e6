package dev.aloft.controlplane.function;

import org.jspecify.annotations.Nullable;

/**
 * Where an alias points: a version and, optionally, a second version with the share of
 * invocations it receives.
 *
 * @param functionVersion the primary version
 * @param additionalVersion the second version, or null
 * @param additionalVersionWeight the share (0.0–1.0) the second version receives; 0
 * without one
 */
record AliasTarget(String functionVersion, @Nullable String additionalVersion, double additionalVersionWeight) {

}
