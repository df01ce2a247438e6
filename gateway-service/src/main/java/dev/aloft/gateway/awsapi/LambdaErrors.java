package dev.aloft.gateway.awsapi;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors of the Lambda API, as AWS writes them: the code in {@code x-amzn-ErrorType}, a
 * JSON body with {@code Type} ({@code User} or {@code Service}) and the message under
 * both {@code message} and {@code Message} (the model uses either, by exception).
 */
public final class LambdaErrors {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LambdaErrors() {
	}

	public static void write(HttpServletResponse response, int status, String code, String message, String requestId)
			throws IOException {
		write(response, status, code, message, requestId, Map.of());
	}

	public static void write(HttpServletResponse response, int status, String code, String message, String requestId,
			Map<String, String> extra) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("Type", (status >= 500) ? "Service" : "User");
		body.put("message", message);
		body.put("Message", message);
		body.putAll(extra);
		response.setStatus(status);
		response.setHeader("x-amzn-ErrorType", code);
		response.setHeader("x-amzn-RequestId", requestId);
		response.setContentType("application/json");
		byte[] bytes = JSON.writeValueAsBytes(body);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
