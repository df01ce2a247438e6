/**
 * Access control: access keys (an id and a secret, the secret shown once), each key's
 * role per namespace, and the caller a request's credentials identify.
 */
@NullMarked
package dev.aloft.controlplane.accesskey;

import org.jspecify.annotations.NullMarked;
