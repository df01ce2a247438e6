/**
 * Secrets at rest: function environment secrets and access-key secrets are sealed with
 * the platform's master key (AES-256-GCM), each bound to what it is for, and opened only
 * by the services that need them. The services' internal token is derived from the same
 * key, so a deployment distributes one secret.
 */
@NullMarked
package dev.aloft.secrets;

import org.jspecify.annotations.NullMarked;
