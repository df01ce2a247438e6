package dev.aloft.gateway.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem to report to the caller as an RFC 9457 response.
 */
public class PlatformException extends ErrorResponseException {

	/** When a throttled or turned-away caller should try again. */
	private static final String RETRY_AFTER_SECONDS = "1";

	/**
	 * Creates the exception.
	 * @param problemType the kind of problem
	 * @param detail what went wrong in this case
	 */
	public PlatformException(ProblemType problemType, String detail) {
		super(problemType.status(), problemDetail(problemType, detail), null);
		if (problemType == ProblemType.THROTTLED || problemType == ProblemType.NO_CAPACITY) {
			getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
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
		problem.setProperty("code", problemType.name());
		problem.setProperty("retryable", problemType.retryable());
		return problem;
	}

}
