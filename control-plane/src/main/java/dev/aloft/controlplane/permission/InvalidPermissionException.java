package dev.aloft.controlplane.permission;

import java.util.List;
import java.util.Map;

import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;

/**
 * A permission that breaks a rule: a {@code VALIDATION_FAILED} problem whose
 * {@code errors} point at the offending field.
 */
public class InvalidPermissionException extends PlatformException {

	private static final long serialVersionUID = 1L;

	private final String pointer;

	/**
	 * Creates the exception.
	 * @param pointer the JSON pointer of the field, e.g. {@code /accessKeyId}
	 * @param detail what is wrong, for the caller
	 */
	InvalidPermissionException(String pointer, String detail) {
		super(ProblemType.VALIDATION_FAILED, detail);
		this.pointer = pointer;
		getBody().setProperty("errors", List.of(Map.of("pointer", pointer, "detail", detail)));
	}

	/**
	 * The field that is wrong, so that the Lambda API can answer in its own terms (an
	 * unknown key is Lambda's invalid principal).
	 * @return the JSON pointer
	 */
	public String pointer() {
		return this.pointer;
	}

}
