package dev.aloft.controlplane.system.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.aloft.controlplane.system.CursorPage;
import dev.aloft.controlplane.system.PublicApi;
import dev.aloft.controlplane.system.web.SchemaMismatches.Direction;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in OpenAPI document names exactly the operations the {@code /v1}
 * controllers map (path and method), describes their bodies as the Java types the
 * controllers read and answer, and is served without credentials.
 * <p>
 * The schemas are checked from the controllers' side, so that nothing has to be listed by
 * hand: for every {@link PublicApi} handler method, the type of its {@code @RequestBody}
 * (or each {@code @RequestPart} of a multipart form) is compared with the document's
 * request schema for each media type the mapping consumes, and its return type (unwrapped
 * from {@link ResponseEntity}) with the {@code application/json} schema of every 2xx
 * response the document gives the operation. {@link SchemaMismatches} does the comparing:
 * for a record, the schema's property names must equal the record's JSON property names
 * (its components, honouring {@code @JsonProperty} and {@code @JsonIgnore}), each
 * property's JSON type must fit the component's Java type (enums with the values the
 * application's mapper writes, instants as date-times, lists and maps by their elements,
 * records recursively), a request schema must require what validation requires
 * ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}), and a response schema must
 * neither require what {@code @JsonInclude(NON_NULL)} leaves out nor forbid the null a
 * {@code @Nullable} component is written as. One-directional on purpose: a document may
 * require more than validation does (rules enforced in code) and leave a property
 * optional that is always sent (a schema shared by requests and responses). Bounds,
 * patterns and descriptions are not compared: they are kept in step by hand. The
 * comparison relies on the application's mapper naming properties as the components are
 * named and writing nulls; the test asserts both first.
 * <p>
 * The document is also checked on its own: every request body and every 2xx JSON answer
 * has a schema, every other answer is the shared {@code Problem}, and every operation
 * that needs credentials lists 401 and a default problem.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class OpenApiDocumentIntegrationTests {

	/** The prefix every public API path gets (see WebConfiguration). */
	private static final Pattern VERSION_PREFIX = Pattern.compile("^/\\{apiVersion:[^}]*}");

	/** A path variable with a pattern, e.g. {@code {id:[0-9]+}}. */
	private static final Pattern VARIABLE_PATTERN = Pattern.compile("\\{(\\w+):[^}]*}");

	/** The keys of a path item that are operations. */
	private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	/** The shared problem schema every error answer uses. */
	private static final String PROBLEM = "#/components/schemas/Problem";

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private JsonMapper jsonMapper;

	@Test
	void documentNamesExactlyTheMappedOperations() throws IOException {
		assertThat(documented()).isEqualTo(mapped());
	}

	@Test
	void documentIsServedWithoutCredentials() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/openapi.yaml")).build(),
					HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/yaml"));
		try (InputStream in = new ClassPathResource(OpenApiController.DOCUMENT).getInputStream()) {
			assertThat(response.body()).isEqualTo(in.readAllBytes());
		}
	}

	@Test
	void schemasMatchTheTypesTheControllersReadAndAnswer() throws IOException {
		// What the record comparison takes for granted about the application's mapper.
		assertThat(this.jsonMapper.serializationConfig().getPropertyNamingStrategy()).isNull();
		assertThat(this.jsonMapper.writeValueAsString(new CursorPage<>(List.of(), null)))
			.isEqualTo("{\"items\":[],\"nextPageToken\":null}");

		Map<String, Object> document = document();
		SchemaMismatches mismatches = new SchemaMismatches(document, this.jsonMapper);
		Map<String, Set<String>> consumed = new TreeMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : publicMappings()) {
			for (String pattern : mapping.getKey().getPatternValues()) {
				for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
					String path = path(pattern);
					Map<String, Object> paths = SchemaMismatches.map(document.get("paths"));
					if (!(paths.get(path.substring("/v1".length())) instanceof Map<?, ?> item)
							|| !(item.get(method.name().toLowerCase(Locale.ROOT)) instanceof Map<?, ?> operation)) {
						continue; // documentNamesExactlyTheMappedOperations reports it
					}
					String where = method + " " + path;
					compareRequest(where, SchemaMismatches.map(operation), mapping.getKey(), mapping.getValue(),
							mismatches, consumed);
					compareResponses(where, SchemaMismatches.map(operation), mapping.getValue(), mismatches);
				}
			}
		}
		consumed.forEach((where, mediaTypes) -> {
			Map<String, Object> operation = operation(document, where);
			Set<String> documented = (operation.get("requestBody") instanceof Map<?, ?> body)
					? new TreeSet<>(SchemaMismatches.map(SchemaMismatches.map(body).get("content")).keySet())
					: Set.of();
			if (!documented.equals(mediaTypes)) {
				mismatches.add(where + ": documents request media types " + documented + ", the controllers consume "
						+ mediaTypes);
			}
		});
		assertThat(mismatches.list()).isEmpty();
	}

	@Test
	void everyOperationDescribesItsBodiesAndProblems() throws IOException {
		Map<String, Object> document = document();
		SchemaMismatches schemas = new SchemaMismatches(document, this.jsonMapper);
		List<String> mismatches = new ArrayList<>();
		Object globalSecurity = document.get("security");
		SchemaMismatches.map(document.get("paths")).forEach((path, item) -> {
			SchemaMismatches.map(item).forEach((key, value) -> {
				if (!OPERATIONS.contains(key)) {
					return;
				}
				String where = key.toUpperCase(Locale.ROOT) + " /v1" + path;
				Map<String, Object> operation = SchemaMismatches.map(value);
				if (operation.get("requestBody") instanceof Map<?, ?> body) {
					SchemaMismatches.map(schemas.resolve(SchemaMismatches.map(body)).get("content"))
						.forEach((mediaType, content) -> {
							if (SchemaMismatches.map(content).get("schema") == null) {
								mismatches.add(where + ": no schema for the " + mediaType + " request body");
							}
						});
				}
				Map<String, Object> responses = SchemaMismatches.map(operation.get("responses"));
				responses.forEach((status, reference) -> {
					Map<String, Object> response = schemas.resolve(SchemaMismatches.map(reference));
					Map<String, Object> content = (response.get("content") != null)
							? SchemaMismatches.map(response.get("content")) : Map.of();
					if (status.startsWith("2")) {
						if (content.get(MediaType.APPLICATION_JSON_VALUE) instanceof Map<?, ?> json
								&& json.get("schema") == null) {
							mismatches.add(where + " " + status + ": no schema for the JSON answer");
						}
					}
					else if (!content.keySet().equals(Set.of(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) || !PROBLEM
						.equals(SchemaMismatches
							.map(SchemaMismatches.map(content.get(MediaType.APPLICATION_PROBLEM_JSON_VALUE))
								.get("schema"))
							.get("$ref"))) {
						mismatches.add(where + " " + status + ": not answered as the shared " + PROBLEM);
					}
				});
				Object security = operation.getOrDefault("security", globalSecurity);
				if (!(security instanceof List<?> requirements && requirements.isEmpty())
						&& !responses.keySet().containsAll(Set.of("401", "default"))) {
					mismatches.add(where + ": needs credentials, yet lists no 401 or no default problem");
				}
			});
		});
		assertThat(mismatches).isEmpty();
	}

	/**
	 * Compares the body a handler method reads with the operation's request schemas.
	 */
	private static void compareRequest(String where, Map<String, Object> operation, RequestMappingInfo mapping,
			HandlerMethod handler, SchemaMismatches mismatches, Map<String, Set<String>> consumed) {
		MethodParameter body = null;
		List<MethodParameter> parts = new ArrayList<>();
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				body = parameter;
			}
			else if (parameter.hasParameterAnnotation(RequestPart.class)) {
				parts.add(parameter);
			}
		}
		Object requestBody = operation.get("requestBody");
		if (body == null && parts.isEmpty()) {
			if (requestBody != null) {
				mismatches.add(where + ": documents a request body " + handler + " does not read");
			}
			return;
		}
		if (!(requestBody instanceof Map<?, ?>)) {
			mismatches.add(where + ": " + handler + " reads a request body the document does not describe");
			return;
		}
		Map<String, Object> described = mismatches.resolve(SchemaMismatches.map(requestBody));
		boolean required = (body != null) ? body.getParameterAnnotation(RequestBody.class).required() : true;
		if (!Boolean.valueOf(required).equals(described.getOrDefault("required", false))) {
			mismatches.add(where + ": the request body is " + (required ? "" : "not ") + "required, the document says "
					+ described.getOrDefault("required", false));
		}
		Set<MediaType> mediaTypes = mapping.getConsumesCondition().getConsumableMediaTypes();
		for (MediaType mediaType : mediaTypes.isEmpty() ? Set.of(MediaType.APPLICATION_JSON) : mediaTypes) {
			consumed.computeIfAbsent(where, (key) -> new TreeSet<>()).add(mediaType.toString());
			Object content = SchemaMismatches.map(described.get("content")).get(mediaType.toString());
			if (!(content instanceof Map<?, ?> media) || !(media.get("schema") instanceof Map<?, ?> schema)) {
				mismatches.add(where + ": no schema for the " + mediaType + " request body");
				continue;
			}
			String at = where + " " + mediaType;
			if (body != null) {
				mismatches.compare(at, SchemaMismatches.map(schema), ResolvableType.forMethodParameter(body),
						Direction.REQUEST);
				continue;
			}
			Map<String, Map<String, Object>> properties = mismatches.properties(SchemaMismatches.map(schema));
			Set<String> requiredParts = mismatches.required(SchemaMismatches.map(schema));
			Set<String> names = new TreeSet<>();
			for (MethodParameter part : parts) {
				RequestPart annotation = part.getParameterAnnotation(RequestPart.class);
				String name = annotation.name().isEmpty() ? annotation.value() : annotation.name();
				names.add(name);
				if (properties.get(name) != null) {
					mismatches.compare(at + " part " + name, properties.get(name),
							ResolvableType.forMethodParameter(part), Direction.REQUEST);
				}
				if (annotation.required() && !requiredParts.contains(name)) {
					mismatches.add(at + " part " + name + ": required, the schema does not say so");
				}
			}
			if (!properties.keySet().equals(names)) {
				mismatches.add(at + ": documents parts " + new TreeSet<>(properties.keySet()) + ", " + handler
						+ " reads " + names);
			}
		}
	}

	/**
	 * Compares what a handler method answers with the operation's 2xx responses: no body
	 * for {@code Void}, a JSON schema matching a record.
	 */
	private static void compareResponses(String where, Map<String, Object> operation, HandlerMethod handler,
			SchemaMismatches mismatches) {
		ResolvableType answered = ResolvableType.forMethodReturnType(handler.getMethod());
		if (ResponseEntity.class.equals(answered.toClass())) {
			answered = answered.getGeneric(0);
		}
		Class<?> raw = answered.toClass();
		Map<String, Object> responses = SchemaMismatches.map(operation.get("responses"));
		boolean success = false;
		for (Map.Entry<String, Object> entry : responses.entrySet()) {
			if (!entry.getKey().startsWith("2")) {
				continue;
			}
			success = true;
			String at = where + " " + entry.getKey();
			Object content = mismatches.resolve(SchemaMismatches.map(entry.getValue())).get("content");
			if (raw == Void.class || raw == void.class) {
				if (content != null) {
					mismatches.add(at + ": " + handler + " answers no body, the document describes one");
				}
			}
			else if (raw.isRecord()) {
				Object json = (content != null) ? SchemaMismatches.map(content).get(MediaType.APPLICATION_JSON_VALUE)
						: null;
				if (!(json instanceof Map<?, ?> media) || !(media.get("schema") instanceof Map<?, ?> schema)) {
					mismatches.add(at + ": " + handler + " answers JSON the document gives no schema");
				}
				else {
					mismatches.compare(at, SchemaMismatches.map(schema), answered, Direction.RESPONSE);
				}
			}
		}
		if (!success) {
			mismatches.add(where + ": no 2xx response documented");
		}
	}

	/**
	 * {@code METHOD /v1/path} of every mapping of a {@link PublicApi} controller.
	 */
	private Set<String> mapped() {
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : publicMappings()) {
			Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
			for (String pattern : mapping.getKey().getPatternValues()) {
				for (RequestMethod method : methods) {
					operations.add(method.name() + " " + path(pattern));
				}
			}
		}
		return operations;
	}

	/**
	 * Every mapping of a {@link PublicApi} controller.
	 */
	private List<Map.Entry<RequestMappingInfo, HandlerMethod>> publicMappings() {
		return this.mappings.getHandlerMethods()
			.entrySet()
			.stream()
			.filter((mapping) -> AnnotatedElementUtils.hasAnnotation(mapping.getValue().getBeanType(), PublicApi.class))
			.toList();
	}

	/**
	 * {@code /v1/path} of a mapping's pattern, its variables without their patterns.
	 */
	private static String path(String pattern) {
		return VARIABLE_PATTERN.matcher(VERSION_PREFIX.matcher(pattern).replaceFirst("/v1")).replaceAll("{$1}");
	}

	/**
	 * {@code METHOD /v1/path} of every operation in the document.
	 */
	@SuppressWarnings("unchecked")
	private static Set<String> documented() throws IOException {
		Map<String, Object> document = document();
		Set<String> operations = new TreeSet<>();
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
		for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
			for (String key : path.getValue().keySet()) {
				if (OPERATIONS.contains(key)) {
					operations.add(key.toUpperCase(Locale.ROOT) + " /v1" + path.getKey());
				}
			}
		}
		return operations;
	}

	/**
	 * The document, parsed.
	 */
	private static Map<String, Object> document() throws IOException {
		try (InputStream in = new ClassPathResource(OpenApiController.DOCUMENT).getInputStream()) {
			return new Yaml().load(in);
		}
	}

	/**
	 * The operation {@code METHOD /v1/path} of the document.
	 */
	private static Map<String, Object> operation(Map<String, Object> document, String where) {
		String[] methodAndPath = where.split(" ", 2);
		Map<String, Object> item = SchemaMismatches
			.map(SchemaMismatches.map(document.get("paths")).get(methodAndPath[1].substring("/v1".length())));
		return SchemaMismatches.map(item.get(methodAndPath[0].toLowerCase(Locale.ROOT)));
	}

}
