package dev.aloft.controlplane.route;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a route.
 *
 * @param method an HTTP method, or {@code ANY}
 * @param path a path template, e.g. {@code /hello/{name}}
 * @param function the target function, in the same namespace
 * @param qualifier the target version or alias; {@code $LATEST} when unset
 */
record CreateRouteRequest(@NotBlank @Pattern(regexp = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY") String method,
		@NotBlank String path, @NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") String function,
		@Nullable @Size(min = 1, max = 128) @Pattern(regexp = "\\$LATEST|[a-zA-Z0-9_-]+") String qualifier) {

}
