package dev.aloft.controlplane.functionurl;

import dev.aloft.contracts.config.FunctionUrlConfig;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores CORS settings as a JSON object in a text column, which works the same on
 * PostgreSQL and H2.
 */
@Converter
class CorsConverter implements AttributeConverter<FunctionUrlConfig.@Nullable Cors, @Nullable String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public @Nullable String convertToDatabaseColumn(FunctionUrlConfig.@Nullable Cors attribute) {
		return (attribute != null) ? JSON.writeValueAsString(attribute) : null;
	}

	@Override
	public FunctionUrlConfig.@Nullable Cors convertToEntityAttribute(@Nullable String column) {
		return (column != null) ? JSON.readValue(column, FunctionUrlConfig.Cors.class) : null;
	}

}
