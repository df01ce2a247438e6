package dev.aloft.controlplane.system.web;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.web.multipart.MultipartFile;

/**
 * Compares schemas of the OpenAPI document with the Java types they describe, walking
 * both together, and collects every difference, so that one run names all the drift.
 * <p>
 * A schema is followed through {@code $ref} and merged over {@code allOf}, {@code oneOf}
 * and {@code anyOf}. A Java type is compared by its JSON type (string, integer, number,
 * boolean, array or object); an enum also by its values, as the application's mapper
 * writes them; an instant by {@code format: date-time}; a list by its items; a map by its
 * {@code additionalProperties}; a record by its properties, one per component as Jackson
 * names it ({@code @JsonProperty}, {@code @JsonIgnore}), each compared in turn. What is
 * required depends on the direction: a request schema must require every component
 * validation requires ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}); a
 * response schema must not require a component Jackson leaves out
 * ({@code @JsonInclude(NON_NULL)} and a {@code @Nullable} component), and must allow
 * {@code null} for a {@code @Nullable} component Jackson writes even when null.
 */
final class SchemaMismatches {

	private static final int MAX_DEPTH = 16;

	private static final String NULL = "null";

	private final Map<String, Object> document;

	private final JsonMapper mapper;

	private final List<String> mismatches = new ArrayList<>();

	/**
	 * Starts with no mismatches.
	 * @param document the parsed OpenAPI document
	 * @param mapper the application's mapper, for the JSON spelling of enum values
	 */
	SchemaMismatches(Map<String, Object> document, JsonMapper mapper) {
		this.document = document;
		this.mapper = mapper;
	}

	/**
	 * Every mismatch found so far.
	 * @return the mismatches, each saying where
	 */
	List<String> list() {
		return this.mismatches;
	}

	/**
	 * Records a mismatch found elsewhere.
	 * @param mismatch what differs, and where
	 */
	void add(String mismatch) {
		this.mismatches.add(mismatch);
	}

	/**
	 * Compares a schema with the Java type it describes.
	 * @param where the operation and position, for messages
	 * @param schema the schema
	 * @param type the Java type
	 * @param direction whether the controller reads or answers it
	 */
	void compare(String where, Map<String, Object> schema, ResolvableType type, Direction direction) {
		compare(where, schema, type, direction, 0);
	}

	/**
	 * The properties a schema declares, over its references and compositions.
	 * @param schema the schema
	 * @return the properties by name
	 */
	Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
		Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
		for (Map<String, Object> branch : branches(schema)) {
			if (branch.get("properties") instanceof Map<?, ?> declared) {
				declared.forEach((name, property) -> properties.put((String) name, map(property)));
			}
		}
		return properties;
	}

	/**
	 * The properties a schema requires, over its references and compositions.
	 * @param schema the schema
	 * @return the names
	 */
	Set<String> required(Map<String, Object> schema) {
		Set<String> required = new TreeSet<>();
		for (Map<String, Object> branch : branches(schema)) {
			if (branch.get("required") instanceof List<?> names) {
				names.forEach((name) -> required.add((String) name));
			}
		}
		return required;
	}

	/**
	 * A schema, or what its {@code $ref} points at.
	 * @param node a schema, response or other object of the document
	 * @return the object itself, or the referenced one
	 */
	Map<String, Object> resolve(Map<String, Object> node) {
		Map<String, Object> resolved = node;
		while (resolved.get("$ref") instanceof String reference) {
			Object target = this.document;
			for (String part : reference.substring(2).split("/")) {
				target = map(target).get(part);
			}
			if (target == null) {
				throw new IllegalStateException("Nothing at " + reference);
			}
			resolved = map(target);
		}
		return resolved;
	}

	private void compare(String where, Map<String, Object> schema, ResolvableType type, Direction direction,
			int depth) {
		if (depth > MAX_DEPTH) {
			add(where + ": nested deeper than " + MAX_DEPTH);
			return;
		}
		Class<?> raw = type.toClass();
		String expected = jsonType(raw);
		Set<String> types = types(schema);
		if (!types.contains(expected)) {
			add(where + ": " + type + " is a JSON " + expected + ", the schema says " + types);
			return;
		}
		if (raw.isEnum()) {
			compareEnum(where, schema, raw);
		}
		else if (TemporalAccessor.class.isAssignableFrom(raw) && !"date-time".equals(first(schema, "format"))) {
			add(where + ": " + raw.getSimpleName() + " is written as a date-time, the schema says format "
					+ first(schema, "format"));
		}
		else if (Collection.class.isAssignableFrom(raw)) {
			compareNested(where + "[]", first(schema, "items"), type.asCollection().getGeneric(0), direction, depth);
		}
		else if (Map.class.isAssignableFrom(raw)) {
			compareNested(where + "{}", first(schema, "additionalProperties"), type.asMap().getGeneric(1), direction,
					depth);
		}
		else if (raw.isRecord()) {
			compareRecord(where, schema, type, direction, depth);
		}
	}

	private void compareNested(String where, @Nullable Object schema, ResolvableType type, Direction direction,
			int depth) {
		if (!(schema instanceof Map<?, ?>)) {
			add(where + ": no schema for the " + type);
			return;
		}
		compare(where, map(schema), type, direction, depth + 1);
	}

	private void compareEnum(String where, Map<String, Object> schema, Class<?> type) {
		Set<String> documented = new TreeSet<>();
		for (Map<String, Object> branch : branches(schema)) {
			if (branch.get("enum") instanceof List<?> values) {
				values.stream().filter((value) -> value != null).forEach((value) -> documented.add(value.toString()));
			}
		}
		Set<String> written = new TreeSet<>();
		for (Object constant : type.getEnumConstants()) {
			written.add(this.mapper.readValue(this.mapper.writeValueAsString(constant), String.class));
		}
		if (!documented.equals(written)) {
			add(where + ": the schema's enum is " + documented + ", " + type.getName() + " writes " + written);
		}
	}

	private void compareRecord(String where, Map<String, Object> schema, ResolvableType type, Direction direction,
			int depth) {
		Class<?> record = type.toClass();
		Map<String, Map<String, Object>> properties = properties(schema);
		Map<String, RecordComponent> components = jsonProperties(record);
		if (!properties.keySet().equals(components.keySet())) {
			add(where + ": the schema has properties " + new TreeSet<>(properties.keySet()) + ", " + record.getName()
					+ " has " + new TreeSet<>(components.keySet()));
		}
		Set<String> required = required(schema);
		components.forEach((name, component) -> {
			Map<String, Object> property = properties.get(name);
			if (property == null) {
				return;
			}
			String at = where + "." + name;
			compare(at, property, ResolvableType.forField(field(component), type), direction, depth + 1);
			if (direction == Direction.REQUEST && mandatory(component) && !required.contains(name)) {
				add(at + ": validation requires it, the schema does not");
			}
			if (direction == Direction.RESPONSE) {
				boolean leftOut = mayBeLeftOut(record, component);
				if (leftOut && required.contains(name)) {
					add(at + ": may be left out (@JsonInclude), yet the schema requires it");
				}
				if (!leftOut && nullable(component) && !types(property).contains(NULL)) {
					add(at + ": written as null when null, yet the schema does not allow null");
				}
			}
		});
	}

	/**
	 * The record's JSON properties, as Jackson names them, with their components.
	 */
	private static Map<String, RecordComponent> jsonProperties(Class<?> record) {
		Map<String, RecordComponent> properties = new LinkedHashMap<>();
		for (RecordComponent component : record.getRecordComponents()) {
			Field field = field(component);
			JsonIgnore ignore = annotation(component, field, JsonIgnore.class);
			if (ignore != null && ignore.value()) {
				continue;
			}
			JsonProperty property = annotation(component, field, JsonProperty.class);
			String name = (property != null && !property.value().isEmpty()) ? property.value() : component.getName();
			properties.put(name, component);
		}
		return properties;
	}

	/**
	 * Whether Jackson may leave the component out, by its own {@code @JsonInclude}, else
	 * its record's: when null with {@code NON_NULL} or {@code NON_ABSENT}, at other times
	 * too with the others. (The application's mapper writes every property by default;
	 * the test checks that.)
	 */
	private static boolean mayBeLeftOut(Class<?> record, RecordComponent component) {
		JsonInclude own = annotation(component, field(component), JsonInclude.class);
		JsonInclude.Include include = (own != null) ? own.value() : JsonInclude.Include.USE_DEFAULTS;
		if (include == JsonInclude.Include.USE_DEFAULTS) {
			JsonInclude declared = record.getAnnotation(JsonInclude.class);
			include = (declared != null) ? declared.value() : JsonInclude.Include.ALWAYS;
		}
		return switch (include) {
			case ALWAYS, USE_DEFAULTS -> false;
			case NON_NULL, NON_ABSENT -> nullable(component);
			default -> true;
		};
	}

	private static boolean nullable(RecordComponent component) {
		return !component.getType().isPrimitive() && component.getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	private static boolean mandatory(RecordComponent component) {
		Field field = field(component);
		return annotation(component, field, NotNull.class) != null
				|| annotation(component, field, NotBlank.class) != null
				|| annotation(component, field, NotEmpty.class) != null;
	}

	/**
	 * An annotation of a component, wherever Java put it: on the field, the accessor or
	 * the type.
	 */
	private static <A extends java.lang.annotation.Annotation> @Nullable A annotation(RecordComponent component,
			Field field, Class<A> type) {
		A annotation = field.getAnnotation(type);
		if (annotation == null) {
			annotation = component.getAccessor().getAnnotation(type);
		}
		if (annotation == null) {
			annotation = component.getAnnotatedType().getAnnotation(type);
		}
		return annotation;
	}

	private static Field field(RecordComponent component) {
		try {
			return component.getDeclaringRecord().getDeclaredField(component.getName());
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The JSON type Jackson writes a Java type as (and reads it from).
	 */
	private static String jsonType(Class<?> type) {
		if (type == boolean.class || type == Boolean.class) {
			return "boolean";
		}
		if (type == int.class || type == long.class || type == short.class || type == Integer.class
				|| type == Long.class || type == Short.class) {
			return "integer";
		}
		if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
			return "number";
		}
		if (type == byte[].class || type == String.class || type.isEnum() || MultipartFile.class.isAssignableFrom(type)
				|| TemporalAccessor.class.isAssignableFrom(type)) {
			return "string";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "array";
		}
		return "object";
	}

	private Set<String> types(Map<String, Object> schema) {
		Set<String> types = new TreeSet<>();
		for (Map<String, Object> branch : branches(schema)) {
			Object type = branch.get("type");
			if (type instanceof String single) {
				types.add(single);
			}
			else if (type instanceof List<?> several) {
				several.forEach((each) -> types.add((String) each));
			}
		}
		return types;
	}

	private @Nullable Object first(Map<String, Object> schema, String key) {
		for (Map<String, Object> branch : branches(schema)) {
			if (branch.get(key) != null) {
				return branch.get(key);
			}
		}
		return null;
	}

	/**
	 * The schema, what it references, and every schema it is composed of, recursively.
	 */
	private List<Map<String, Object>> branches(Map<String, Object> schema) {
		List<Map<String, Object>> branches = new ArrayList<>();
		collect(resolve(schema), branches);
		return branches;
	}

	private void collect(Map<String, Object> schema, List<Map<String, Object>> branches) {
		branches.add(schema);
		for (String composition : List.of("allOf", "oneOf", "anyOf")) {
			if (schema.get(composition) instanceof List<?> parts) {
				parts.forEach((part) -> collect(resolve(map(part)), branches));
			}
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		return (Map<String, Object>) node;
	}

	/** Which way a body travels: what must be required and what may be null differ. */
	enum Direction {

		/** A request body the controller reads. */
		REQUEST,

		/** A response body the controller answers. */
		RESPONSE

	}

}
