package dev.aloft.invoker.system.web;

import dev.aloft.invoker.system.ProblemType;
import dev.aloft.problems.ProblemKind;
import dev.aloft.problems.ProblemResponseHandler;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every error of this service as an RFC 9457 problem (see
 * {@link ProblemResponseHandler}).
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemResponseHandler {

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
		return ProblemType.NOT_FOUND;
	}

}
