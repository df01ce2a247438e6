/**
 * Functions' resource policies: statements that let one access key invoke one function
 * (every qualifier, or one), without a role in the function's namespace, as Lambda's
 * {@code AddPermission} does. They are published on the feed for the gateway.
 * {@link dev.aloft.controlplane.permission.FunctionPermissionService} is the feature's
 * API, also for the Lambda-compatible management API.
 */
@NullMarked
package dev.aloft.controlplane.permission;

import org.jspecify.annotations.NullMarked;
