package dev.aloft.controlplane.system;

import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem to report to the caller as an RFC 9457 response.
 */
public class PlatformException extends ErrorResponseException {

	private final ProblemType problemType;

	/**
	 * Creates the exception.
	 * @param problemType the kind of problem
	 * @param detail what went wrong in this case, for the caller
	 */
	public PlatformException(ProblemType problemType, String detail) {
		super(problemType.status(), problemDetail(problemType, detail), null);
		this.problemType = problemType;
	}

	/**
	 * The kind of problem.
	 * @return the problem type
	 */
	public ProblemType problemType() {
		return this.problemType;
	}

	/**
	 * Builds the problem body for a problem type.
	 * @param problemType the problem type
	 * @param detail the detail message
	 * @return the problem body
	 */
	public static ProblemDetail problemDetail(ProblemType problemType, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(problemType.status(), detail);
		problem.setType(problemType.uri());
		problem.setTitle(problemType.title());
		problem.setProperty("code", problemType.code());
		problem.setProperty("retryable", problemType.retryable());
		return problem;
	}

}
