package dev.aloft.controlplane.eventsource;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a list of strings as a JSON array in a text column, which works the same on
 * PostgreSQL and H2.
 */
@Converter
class JsonListConverter implements AttributeConverter<List<String>, String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<String>> LIST_TYPE = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(List<String> attribute) {
		return JSON.writeValueAsString(attribute);
	}

	@Override
	public List<String> convertToEntityAttribute(String column) {
		return List.copyOf(JSON.readValue(column, LIST_TYPE));
	}

}
