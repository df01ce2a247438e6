package dev.aloft.controlplane.route;

import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.contracts.config.RouteAuth;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a route's auth and CORS settings as JSON objects in text columns, which works
 * the same on PostgreSQL and H2. The auth holds no secret in the clear (digests and a
 * sealed secret), so the column does not either.
 */
final class RouteJsonColumns {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RouteJsonColumns() {
	}

	/** A route's auth; NULL (routes older than auth) reads as {@code NONE}. */
	@Converter
	static class AuthConverter implements AttributeConverter<RouteAuth, @Nullable String> {

		@Override
		public String convertToDatabaseColumn(RouteAuth attribute) {
			return JSON.writeValueAsString(attribute);
		}

		@Override
		public RouteAuth convertToEntityAttribute(@Nullable String column) {
			return (column != null) ? JSON.readValue(column, RouteAuth.class) : RouteAuth.NONE;
		}

	}

	/** A route's CORS settings, or NULL for none. */
	@Converter
	static class CorsConverter implements AttributeConverter<FunctionUrlConfig.@Nullable Cors, @Nullable String> {

		@Override
		public @Nullable String convertToDatabaseColumn(FunctionUrlConfig.@Nullable Cors attribute) {
			return (attribute != null) ? JSON.writeValueAsString(attribute) : null;
		}

		@Override
		public FunctionUrlConfig.@Nullable Cors convertToEntityAttribute(@Nullable String column) {
			return (column != null) ? JSON.readValue(column, FunctionUrlConfig.Cors.class) : null;
		}

	}

}
