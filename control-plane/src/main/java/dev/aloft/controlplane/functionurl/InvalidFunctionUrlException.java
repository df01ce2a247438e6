package dev.aloft.controlplane.functionurl;

import java.util.List;
import java.util.Map;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

/**
 * A function URL request that was read but breaks a rule: a {@code VALIDATION_FAILED}
 * problem whose {@code errors} point at the offending field or parameter.
 */
class InvalidFunctionUrlException extends PlatformException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param pointer the JSON pointer of the field (or the query parameter), e.g.
	 * {@code /qualifier}
	 * @param detail what is wrong, for the caller
	 */
	InvalidFunctionUrlException(String pointer, String detail) {
		super(ProblemType.VALIDATION_FAILED, detail);
		getBody().setProperty("errors", List.of(Map.of("pointer", pointer, "detail", detail)));
	}

}
