package dev.aloft.problems;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem response with a stable {@code code}, a
 * {@code retryable} flag and, for validation, {@code errors[{pointer, detail}]}. Client
 * errors are logged at WARN without a stack trace, server errors at ERROR with one; stack
 * traces never reach the response. A service subclasses it as its
 * {@code @RestControllerAdvice}, naming the kinds of its own problem types to use.
 */
public abstract class ProblemResponseHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemResponseHandler.class);

	/**
	 * The kind for failures of the service itself.
	 * @return the kind, a 500
	 */
	protected abstract ProblemKind internalError();

	/**
	 * The kind for bodies and parameters that cannot be read.
	 * @return the kind, a 400
	 */
	protected abstract ProblemKind malformedRequest();

	/**
	 * The kind for requests that were read but break a rule.
	 * @return the kind, a 400
	 */
	protected abstract ProblemKind validationFailed();

	/**
	 * The kind for paths nothing is mapped at.
	 * @return the kind, a 404
	 */
	protected abstract ProblemKind notFound();

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& servlet.getResponse().isCommitted()) {
			// Part of the answer is on its way (a stream): a problem cannot follow it.
			// Rethrown, it reaches the container, which closes the connection without
			// ending the body, so the caller sees the answer is incomplete.
			throw ex;
		}
		logger.error("Unexpected error serving {}", request.getDescription(false), ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(PlatformException.problemDetail(internalError(), "The service failed to handle the request"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ProblemResponseHandler::fieldError)
			.toList();
		String detail = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> (error instanceof FieldError fieldError)
					? fieldError.getField() + ": " + fieldError.getDefaultMessage() : error.getDefaultMessage())
			.collect(Collectors.joining("; "));
		ProblemDetail body = PlatformException.problemDetail(validationFailed(), detail);
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("pointer", "/" + result.getMethodParameter().getParameterName(), "detail",
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		String detail = errors.stream()
			.map((error) -> error.get("pointer").substring(1) + ": " + error.get("detail"))
			.collect(Collectors.joining("; "));
		ProblemDetail body = PlatformException.problemDetail(validationFailed(), detail);
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body;
		if (ex.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
			String pointer = pointer(unknown);
			body = PlatformException.problemDetail(malformedRequest(),
					"Unknown field '" + unknown.getPropertyName() + "' at " + pointer);
			body.setProperty("errors", List.of(Map.of("pointer", pointer, "detail", "unknown field")));
		}
		else if (ex.getMostSpecificCause() instanceof JacksonException json) {
			body = PlatformException.problemDetail(malformedRequest(),
					"The request body is not valid JSON for this operation: " + json.getOriginalMessage());
		}
		else {
			body = PlatformException.problemDetail(malformedRequest(), "The request body is missing or unreadable");
		}
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body == null && ex instanceof ErrorResponse errorResponse) {
			// Spring's own errors arrive without a body; build it here so it gets a code
			// too.
			body = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			describe(problem, statusCode);
		}
		log(ex, statusCode, request, (body instanceof ProblemDetail problem) ? problem.getDetail() : ex.getMessage());
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	/**
	 * Logs a problem: server failures at ERROR with the stack trace, the rest at WARN
	 * without.
	 * @param ex the exception
	 * @param status the status answered
	 * @param request the request
	 * @param detail the problem's detail
	 */
	protected void log(Exception ex, HttpStatusCode status, WebRequest request, @Nullable String detail) {
		if (status.is5xxServerError()) {
			logger.error("Failed to serve {}", request.getDescription(false), ex);
		}
		else {
			logger.warn("Rejected {}: {} {}", request.getDescription(false), status.value(), detail);
		}
	}

	/**
	 * Fills in type, title and code for problems Spring MVC raised itself (no handler,
	 * wrong method, bad parameter...).
	 */
	private void describe(ProblemDetail problem, HttpStatusCode status) {
		ProblemKind kind = switch (status.value()) {
			case 404 -> notFound();
			case 400 -> malformedRequest();
			default -> status.is5xxServerError() ? internalError() : null;
		};
		if (kind != null) {
			problem.setType(kind.type());
			problem.setTitle(kind.title());
			problem.setProperty("code", kind.name());
			problem.setProperty("retryable", kind.retryable());
			return;
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		String code = (known != null) ? known.name() : "HTTP_" + status.value();
		problem.setType(URI.create(ProblemKind.TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setProperty("code", code);
		problem.setProperty("retryable", false);
	}

	private static Map<String, String> fieldError(FieldError error) {
		return Map.of("pointer", "/" + error.getField().replaceAll("[.\\[]", "/").replace("]", ""), "detail",
				String.valueOf(error.getDefaultMessage()));
	}

	private static String pointer(JacksonException ex) {
		StringBuilder pointer = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			pointer.append('/');
			pointer.append((reference.getPropertyName() != null) ? reference.getPropertyName() : reference.getIndex());
		}
		return pointer.isEmpty() ? "/" : pointer.toString();
	}

}
