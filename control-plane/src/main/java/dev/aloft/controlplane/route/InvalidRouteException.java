package dev.aloft.controlplane.route;

import java.util.List;
import java.util.Map;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

/**
 * A route request that was read but breaks a rule: a {@code VALIDATION_FAILED} problem
 * whose {@code errors} point at the offending field. The detail never repeats a secret.
 */
class InvalidRouteException extends PlatformException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param pointer the JSON pointer of the field, e.g. {@code /auth/jwksUrl}
	 * @param detail what is wrong, for the caller
	 */
	InvalidRouteException(String pointer, String detail) {
		super(ProblemType.VALIDATION_FAILED, detail);
		getBody().setProperty("errors", List.of(Map.of("pointer", pointer, "detail", detail)));
	}

}
