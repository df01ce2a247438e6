package dev.aloft.controlplane.lambdaapi;

import java.util.Map;
import java.util.Objects;

import dev.aloft.problems.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every error of the Lambda API controllers as Lambda does (the rest of the
 * control plane answers RFC 9457 problems). The features' problems map onto Lambda's
 * exceptions by kind.
 */
@RestControllerAdvice(basePackageClasses = LambdaApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LambdaApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(LambdaApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<Map<String, String>> lambda(LambdaException ex) {
		logger.warn("Lambda API call refused: {} {}", ex.code(), ex.getMessage());
		return LambdaErrors.response(ex);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> platform(PlatformException ex) {
		String detail = Objects.requireNonNullElse(ex.getBody().getDetail(), ex.getMessage());
		return lambda(translate(ex.problemType().name(), ex.getStatusCode().value(), detail));
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ResponseEntity<Map<String, String>> badParameter(Exception ex) {
		return lambda(LambdaException.invalidParameter(ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> unexpected(Exception ex) {
		logger.error("Lambda API call failed", ex);
		return LambdaErrors.response(new LambdaException(500, "ServiceException",
				"The control plane failed to complete the request; try again"));
	}

	/**
	 * Lambda's exception for a kind of problem.
	 */
	static LambdaException translate(String problem, int status, String detail) {
		return switch (problem) {
			case "NAMESPACE_NOT_FOUND", "FUNCTION_NOT_FOUND", "VERSION_NOT_FOUND", "ALIAS_NOT_FOUND",
					"SETTING_NOT_FOUND", "EVENT_SOURCE_MAPPING_NOT_FOUND", "FUNCTION_URL_NOT_FOUND", "CODE_NOT_FOUND",
					"PERMISSION_NOT_FOUND", "NOT_FOUND" ->
				LambdaException.notFound(detail);
			case "FUNCTION_EXISTS", "ALIAS_EXISTS", "EVENT_SOURCE_MAPPING_EXISTS", "FUNCTION_URL_EXISTS",
					"PERMISSION_EXISTS", "VERSION_IN_USE", "NAMESPACE_NOT_EMPTY" ->
				LambdaException.conflict(detail);
			case "VALIDATION_FAILED", "INVALID_CODE", "MALFORMED_REQUEST" -> LambdaException.invalidParameter(detail);
			case "CODE_TOO_LARGE" -> new LambdaException(413, "RequestTooLargeException", detail);
			case "PRECONDITION_FAILED" -> LambdaException.preconditionFailed(detail);
			case "FORBIDDEN", "UNAUTHENTICATED" -> LambdaException.accessDenied(detail);
			default -> (status == 429) ? new LambdaException(429, "TooManyRequestsException", detail)
					: new LambdaException((status >= 500) ? 500 : status,
							(status >= 500) ? "ServiceException" : "InvalidParameterValueException", detail);
		};
	}

}
