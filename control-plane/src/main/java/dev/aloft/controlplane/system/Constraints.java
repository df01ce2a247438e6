package dev.aloft.controlplane.system;

import java.util.Locale;

import org.hibernate.exception.ConstraintViolationException;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Tells which database constraint a write violated, so only the violation a feature
 * expects (a duplicate name, say) becomes a conflict, and anything else stays an error.
 */
public final class Constraints {

	private Constraints() {
	}

	/**
	 * Whether a failed write violated the named constraint.
	 * @param ex the failure
	 * @param constraintName the constraint's name, as the migration declares it
	 * @return true when that constraint was violated
	 */
	public static boolean violated(DataIntegrityViolationException ex, String constraintName) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null
					&& violation.getConstraintName().toLowerCase(Locale.ROOT).contains(constraintName)) {
				return true;
			}
		}
		String message = String.valueOf(ex.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
		return message.contains(constraintName);
	}

}
