package dev.aloft.controlplane.function;

import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores environment variables as a JSON object in a text column, which works the same on
 * PostgreSQL and H2.
 */
@Converter
class EnvironmentConverter implements AttributeConverter<Map<String, String>, String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, String>> MAP_TYPE = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(Map<String, String> attribute) {
		return JSON.writeValueAsString(new TreeMap<>(attribute));
	}

	@Override
	public Map<String, String> convertToEntityAttribute(String column) {
		return JSON.readValue(column, MAP_TYPE);
	}

}
