package dev.aloft.controlplane.lambdaapi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Lambda's error responses: the code in {@code x-amzn-ErrorType}, and a JSON body with
 * {@code Type} ({@code User} or {@code Service}) and the message under both
 * {@code message} and {@code Message} (the service model reads one or the other,
 * depending on the exception).
 */
final class LambdaErrors {

	/** The header the SDKs read the error code from. */
	static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

	private LambdaErrors() {
	}

	static Map<String, String> body(int status, String message) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("Type", (status >= 500) ? "Service" : "User");
		body.put("message", message);
		body.put("Message", message);
		return body;
	}

	static ResponseEntity<Map<String, String>> response(LambdaException ex) {
		return ResponseEntity.status(ex.status())
			.header(ERROR_TYPE_HEADER, ex.code())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(ex.status(), ex.getMessage()));
	}

}
