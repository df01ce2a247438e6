package dev.aloft.router.system.web;

import dev.aloft.problems.PlatformException;
import dev.aloft.problems.ProblemKind;
import dev.aloft.problems.ProblemResponseHandler;
import dev.aloft.router.system.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Answers every error of this service as an RFC 9457 problem (see
 * {@link ProblemResponseHandler}).
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemResponseHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@Override
	protected ProblemKind internalError() {
		return ProblemType.INTERNAL_ERROR;
	}

	@Override
	protected ProblemKind malformedRequest() {
		return ProblemType.MALFORMED_REQUEST;
	}

	@Override
	protected ProblemKind validationFailed() {
		return ProblemType.VALIDATION_FAILED;
	}

	@Override
	protected ProblemKind notFound() {
		return ProblemType.NOT_FOUND;
	}

	/**
	 * A view that is not current yet is an expected, passing condition (the router just
	 * started, or the feed lags): a warning, not an error with a stack trace.
	 */
	@Override
	protected void log(Exception ex, HttpStatusCode status, WebRequest request, @Nullable String detail) {
		if (ex instanceof PlatformException platform
				&& platform.problemType() == ProblemType.CONFIGURATION_NOT_CURRENT) {
			logger.warn("Deferred {}: {}", request.getDescription(false), detail);
			return;
		}
		super.log(ex, status, request, detail);
	}

}
