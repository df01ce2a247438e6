package dev.aloft.problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A problem to answer the caller with, as an RFC 9457 response. Throttling and capacity
 * problems carry {@code Retry-After}.
 */
public class PlatformException extends ErrorResponseException {

	/** When a throttled or turned-away caller should try again, in seconds. */
	static final String RETRY_AFTER_SECONDS = "1";

	private final ProblemKind problemType;

	/**
	 * Creates the exception.
	 * @param problemType the kind of problem
	 * @param detail what went wrong in this case, for the caller
	 */
	public PlatformException(ProblemKind problemType, String detail) {
		super(problemType.status(), problemDetail(problemType, detail), null);
		this.problemType = problemType;
		if (problemType.status() == HttpStatus.TOO_MANY_REQUESTS
				|| problemType.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
	}

	/**
	 * The kind of problem.
	 * @return the problem type
	 */
	public ProblemKind problemType() {
		return this.problemType;
	}

	/**
	 * The problem body for a kind of problem.
	 * @param problemType the kind
	 * @param detail the detail message
	 * @return the body, with {@code type}, {@code title}, {@code code} and
	 * {@code retryable}
	 */
	public static ProblemDetail problemDetail(ProblemKind problemType, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(problemType.status(), detail);
		problem.setType(problemType.type());
		problem.setTitle(problemType.title());
		problem.setProperty("code", problemType.name());
		problem.setProperty("retryable", problemType.retryable());
		return problem;
	}

}
