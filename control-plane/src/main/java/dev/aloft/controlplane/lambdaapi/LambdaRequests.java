package dev.aloft.controlplane.lambdaapi;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads Lambda API request bodies and checks the requests they become. Lambda's model has
 * many members Aloft does not use ({@code Role}, {@code Layers}, {@code Tags}, ...), so
 * unknown members are ignored here, unlike on the {@code /v1} API. Bodies are read from
 * bytes, so a missing or unusual {@code Content-Type} (the SDKs send none on some calls)
 * does not matter.
 */
@Component
class LambdaRequests {

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Validator validator;

	LambdaRequests(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Reads a JSON body; an empty one reads as {@code {}}.
	 * @param <T> the body type
	 * @param body the bytes, or null when there were none
	 * @param type the body type
	 * @return the body
	 */
	<T> T read(byte @Nullable [] body, Class<T> type) {
		try {
			return this.json
				.readValue((body == null || body.length == 0) ? "{}".getBytes(StandardCharsets.UTF_8) : body, type);
		}
		catch (JacksonException ex) {
			throw LambdaException
				.invalidRequestContent("Could not parse request body into json: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Checks a request's constraints.
	 * @param <T> the request type
	 * @param request the request
	 * @param names Lambda's member name for each property path, for the message
	 * @return the request
	 * @throws LambdaException {@code InvalidParameterValueException} naming every
	 * violation
	 */
	<T> T valid(T request, Map<String, String> names) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(request);
		if (violations.isEmpty()) {
			return request;
		}
		List<String> messages = violations.stream()
			.sorted(Comparator.comparing((violation) -> violation.getPropertyPath().toString()))
			.map((violation) -> "Value '" + violation.getInvalidValue() + "' at '"
					+ names.getOrDefault(violation.getPropertyPath().toString(), violation.getPropertyPath().toString())
					+ "' failed to satisfy constraint: " + violation.getMessage())
			.toList();
		throw LambdaException.invalidParameter(messages.size() + " validation error"
				+ ((messages.size() > 1) ? "s" : "") + " detected: " + String.join("; ", messages));
	}

}
