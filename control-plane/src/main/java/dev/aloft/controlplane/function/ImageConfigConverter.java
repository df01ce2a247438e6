package dev.aloft.controlplane.function;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores an {@link ImageConfig} as a JSON object in a text column (null when there is
 * none), which works the same on PostgreSQL and H2.
 */
@Converter
class ImageConfigConverter implements AttributeConverter<@Nullable ImageConfig, @Nullable String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public @Nullable String convertToDatabaseColumn(@Nullable ImageConfig attribute) {
		return (attribute != null) ? JSON.writeValueAsString(attribute) : null;
	}

	@Override
	public @Nullable ImageConfig convertToEntityAttribute(@Nullable String column) {
		return (column != null) ? JSON.readValue(column, ImageConfig.class) : null;
	}

}
