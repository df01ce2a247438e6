package dev.aloft.gateway.system.web;

import dev.aloft.gateway.system.PlatformException;
import dev.aloft.gateway.system.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns errors into RFC 9457 problem responses with a stable {@code code} and a
 * {@code retryable} flag. Client errors are logged at WARN without a stack trace, server
 * errors at ERROR with one.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected error serving {}", request.getDescription(false), ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(PlatformException.problemDetail(ProblemType.INTERNAL_ERROR,
					"The gateway failed to handle the request"));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body == null && ex instanceof ErrorResponse errorResponse) {
			// Spring's own errors arrive without a body; build it here so it gets our
			// code too.
			body = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			ProblemType type = (statusCode.value() == 404) ? ProblemType.ROUTE_NOT_FOUND
					: statusCode.is5xxServerError() ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST;
			problem.setType(type.uri());
			problem.setProperty("code", type.name());
			problem.setProperty("retryable", type.retryable());
		}
		// A function's failure (502, 504) is the function's outcome, not the gateway's:
		// it is
		// recorded with the invocation. Only the gateway's own failures are errors here.
		if (statusCode.value() == 500) {
			logger.error("Failed to serve {}", request.getDescription(false), ex);
		}
		else if (statusCode.value() == 502 || statusCode.value() == 504) {
			logger.debug("Function failed serving {}: {}", request.getDescription(false), ex.getMessage());
		}
		else {
			logger.warn("Rejected {}: {} {}", request.getDescription(false), statusCode.value(), ex.getMessage());
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

}
