package dev.aloft.controlplane.eventsource;

import java.util.List;
import java.util.Map;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

/**
 * A trigger request that was read but breaks a rule: a {@code VALIDATION_FAILED} problem
 * whose {@code errors} point at the offending field, as Jakarta validation's do.
 */
class InvalidTriggerException extends PlatformException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param pointer the JSON pointer of the field, e.g. {@code /batchSize}
	 * @param detail what is wrong, for the caller
	 */
	InvalidTriggerException(String pointer, String detail) {
		super(ProblemType.VALIDATION_FAILED, detail);
		getBody().setProperty("errors", List.of(Map.of("pointer", pointer, "detail", detail)));
	}

}
