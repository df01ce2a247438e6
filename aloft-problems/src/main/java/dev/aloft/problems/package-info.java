/**
 * RFC 9457 problem responses, the same way in every Aloft service: a {@code type} under
 * {@code https://docs.aloft.dev/problems/}, a stable {@code code}, a {@code retryable}
 * flag, and {@code errors[{pointer, detail}]} for validation. Each service declares its
 * own {@link dev.aloft.problems.ProblemKind problem types} and a thin advice.
 */
@NullMarked
package dev.aloft.problems;

import org.jspecify.annotations.NullMarked;
