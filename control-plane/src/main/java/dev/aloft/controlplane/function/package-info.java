/**
 * Functions: definitions, versions, and their code artifacts, stored content-addressed by
 * SHA-256.
 */
@NullMarked
package dev.aloft.controlplane.function;

import org.jspecify.annotations.NullMarked;
