package dev.aloft.controlplane.eventsource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON that triggers carry as text (filter patterns, schedule input), to check it
 * before it is stored.
 */
final class JsonText {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonText() {
	}

	/**
	 * Parses one JSON value.
	 * @param text the text
	 * @return the value, or null when the text is not exactly one valid JSON value
	 */
	static @Nullable JsonNode read(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
