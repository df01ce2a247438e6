package dev.aloft.gateway.system.web;

import dev.aloft.gateway.system.ProblemType;
import dev.aloft.problems.ProblemKind;
import dev.aloft.problems.ProblemResponseHandler;
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
		return ProblemType.MALFORMED_REQUEST;
	}

	@Override
	protected ProblemKind notFound() {
		return ProblemType.ROUTE_NOT_FOUND;
	}

	/**
	 * A function's failure (502, 504) is the function's outcome, not the gateway's: it is
	 * recorded with the invocation. Only the gateway's own failures are errors here.
	 */
	@Override
	protected void log(Exception ex, HttpStatusCode status, WebRequest request, @Nullable String detail) {
		if (status.value() == 502 || status.value() == 504) {
			logger.debug("Function failed serving {}: {}", request.getDescription(false), detail);
			return;
		}
		super.log(ex, status, request, detail);
	}

}
