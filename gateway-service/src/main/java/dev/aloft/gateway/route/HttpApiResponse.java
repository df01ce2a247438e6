package dev.aloft.gateway.route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a function's output means as an HTTP response, by API Gateway's payload-2.0 rules:
 * an object with {@code statusCode} is a structured response; any other valid JSON is a
 * 200 {@code application/json} response with the output as its body, verbatim.
 *
 * @param status the HTTP status
 * @param headers response headers
 * @param cookies values for {@code Set-Cookie}
 * @param body the response body
 */
record HttpApiResponse(int status, Map<String, List<String>> headers, List<String> cookies, byte[] body) {

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]");

	/**
	 * Interprets a function's output.
	 * @param output what the function returned
	 * @param jsonMapper the mapper to parse it with
	 * @return the response, or null when the output is not valid JSON (API Gateway
	 * answers 502)
	 */
	static @Nullable HttpApiResponse from(byte[] output, JsonMapper jsonMapper) {
		JsonNode parsed;
		try {
			parsed = jsonMapper.readTree(output);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (parsed == null || parsed.isMissingNode()) {
			return null;
		}
		if (!parsed.isObject() || !parsed.has("statusCode")) {
			return new HttpApiResponse(200, Map.of("Content-Type", List.of("application/json")), List.of(), output);
		}
		JsonNode statusCode = parsed.get("statusCode");
		if (!statusCode.canConvertToInt() || statusCode.asInt() < 100 || statusCode.asInt() > 599) {
			return null;
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		JsonNode headerNode = parsed.get("headers");
		if (headerNode != null && headerNode.isObject()) {
			headerNode.properties()
				.forEach((header) -> headers.computeIfAbsent(header.getKey(), (key) -> new ArrayList<>())
					.add(text(header.getValue())));
		}
		JsonNode multiValueHeaders = parsed.get("multiValueHeaders");
		if (multiValueHeaders != null && multiValueHeaders.isObject()) {
			multiValueHeaders.properties()
				.forEach((header) -> header.getValue()
					.forEach((value) -> headers.computeIfAbsent(header.getKey(), (key) -> new ArrayList<>())
						.add(text(value))));
		}
		List<String> cookies = new ArrayList<>();
		JsonNode cookieNode = parsed.get("cookies");
		if (cookieNode != null && cookieNode.isArray()) {
			cookieNode.forEach((cookie) -> cookies.add(text(cookie)));
		}
		try {
			return new HttpApiResponse(statusCode.asInt(), headers, cookies, body(parsed));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static byte[] body(JsonNode response) {
		JsonNode body = response.get("body");
		if (body == null || body.isNull()) {
			return new byte[0];
		}
		String text = text(body);
		JsonNode base64 = response.get("isBase64Encoded");
		if (base64 != null && base64.asBoolean()) {
			// Strict: line breaks are the only non-alphabet characters tolerated.
			return Base64.getDecoder().decode(LINE_BREAKS.matcher(text).replaceAll(""));
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : node.toString();
	}

}
