package dev.aloft.controlplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aloft.secrets.MasterKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to a running control plane over HTTP, as its clients do. Never throws on an error
 * status: tests assert on it.
 */
public final class ControlPlaneClient {

	/** The administrator's key id the test configuration creates. */
	public static final String ADMIN_ACCESS_KEY_ID = "AKIATESTADMIN00001";

	/** The administrator's secret the test configuration creates. */
	public static final String ADMIN_SECRET = "testAdminSecret0000000000000000000000000";

	/** The master key of the test configuration. */
	public static final MasterKey MASTER_KEY = MasterKey
		.fromBase64(java.util.Base64.getEncoder().encodeToString(testKeyBytes()));

	/** The problem {@code type} URIs all start with this. */
	public static final String PROBLEM_TYPE_BASE = "https://docs.aloft.dev/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient rest;

	/**
	 * Creates a client of the control plane on localhost.
	 * @param port the server's port
	 */
	public ControlPlaneClient(int port) {
		this(port, ADMIN_ACCESS_KEY_ID + ":" + ADMIN_SECRET);
	}

	/**
	 * Creates a client that presents the given access key ({@code id:secret}) on the
	 * public API, and the internal token on internal endpoints.
	 * @param port the server's port
	 * @param credentials {@code <access key id>:<secret>}, or null to send none
	 */
	public ControlPlaneClient(int port, @Nullable String credentials) {
		this.rest = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestInterceptor((request, body, execution) -> {
				if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
					boolean internal = request.getURI().getPath().startsWith("/internal/");
					String token = internal ? MASTER_KEY.internalToken() : credentials;
					if (token != null) {
						request.getHeaders().setBearerAuth(token);
					}
				}
				return execution.execute(request, body);
			})
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	private static byte[] testKeyBytes() {
		byte[] bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	/**
	 * The underlying client, for requests the helpers do not cover.
	 * @return the client
	 */
	public RestClient rest() {
		return this.rest;
	}

	/**
	 * {@code GET}s a path.
	 * @param path the path, with {@code {}} variables
	 * @param variables the variables
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> get(String path, Object... variables) {
		return this.rest.get().uri(path, variables).retrieve().toEntity(JsonNode.class);
	}

	/**
	 * {@code POST}s a JSON body.
	 * @param path the path
	 * @param body a JSON string, or an object to write as JSON
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> post(String path, Object body) {
		String json = (body instanceof String string) ? string : JSON.writeValueAsString(body);
		return this.rest.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	/**
	 * {@code POST}s a multipart form with a JSON {@code configuration} part and a zip
	 * {@code code} part.
	 * @param path the path
	 * @param configuration the configuration, written as JSON
	 * @param zip the code
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> postMultipart(String path, Object configuration, byte[] zip) {
		return postParts(path, JSON.writeValueAsString(configuration), zip);
	}

	/**
	 * {@code POST}s a multipart form with the given parts.
	 * @param path the path
	 * @param configuration the {@code configuration} part (JSON), or null to leave it out
	 * @param zip the {@code code} part, or null to leave it out
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> postParts(String path, @Nullable String configuration, byte @Nullable [] zip) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		if (configuration != null) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			parts.add("configuration", new HttpEntity<>(configuration, headers));
		}
		if (zip != null) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.parseMediaType("application/zip"));
			parts.add("code", new HttpEntity<>(new ByteArrayResource(zip) {

				@Override
				public String getFilename() {
					return "code.zip";
				}

			}, headers));
		}
		return this.rest.post()
			.uri(path)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	/**
	 * {@code PUT}s a JSON body, with an {@code If-Match} header when one is given.
	 * @param path the path
	 * @param ifMatch the ETag to send, or null for none
	 * @param body a JSON string, or an object to write as JSON
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> put(String path, @Nullable String ifMatch, Object body) {
		String json = (body instanceof String string) ? string : JSON.writeValueAsString(body);
		return this.rest.put().uri(path).contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (ifMatch != null) {
				headers.setIfMatch(ifMatch);
			}
		}).body(json).retrieve().toEntity(JsonNode.class);
	}

	/**
	 * {@code PUT}s raw bytes with a content type and an {@code If-Match} header.
	 * @param path the path
	 * @param ifMatch the ETag to send, or null for none
	 * @param contentType the content type
	 * @param body the bytes
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> putBytes(String path, @Nullable String ifMatch, String contentType, byte[] body) {
		return this.rest.put().uri(path).contentType(MediaType.parseMediaType(contentType)).headers((headers) -> {
			if (ifMatch != null) {
				headers.setIfMatch(ifMatch);
			}
		}).body(body).retrieve().toEntity(JsonNode.class);
	}

	/**
	 * {@code DELETE}s a path.
	 * @param path the path, with {@code {}} variables
	 * @param variables the variables
	 * @return the response, its body as JSON
	 */
	public ResponseEntity<JsonNode> delete(String path, Object... variables) {
		return this.rest.delete().uri(path, variables).retrieve().toEntity(JsonNode.class);
	}

	/**
	 * A JSON create request for a Python function with the small test zip.
	 * @param name the function's name
	 * @return the request, to adjust and send
	 */
	public static Map<String, Object> pythonFunction(String name) {
		return pythonFunction(name, CodeZips.pythonApp());
	}

	/**
	 * A JSON create request for a Python function ({@code app.handler}).
	 * @param name the function's name
	 * @param zip the code
	 * @return the request, to adjust and send
	 */
	public static Map<String, Object> pythonFunction(String name, byte[] zip) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", name);
		request.put("runtime", "python3.12");
		request.put("handler", "app.handler");
		request.put("code", Map.of("zipFile", CodeZips.base64(zip)));
		return request;
	}

	/**
	 * Creates a Python function, asserting that it was created.
	 * @param namespace the namespace
	 * @param name the function's name
	 * @return the function as the API shows it
	 */
	public JsonNode createFunction(String namespace, String name) {
		ResponseEntity<JsonNode> response = post(functionsPath(namespace), pythonFunction(name));
		assertThat(response.getStatusCode()).as("create function %s: %s", name, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	/**
	 * Creates a route, asserting that it was created.
	 * @param namespace the namespace
	 * @param method the method
	 * @param path the path template
	 * @param function the target function
	 * @return the route as the API shows it
	 */
	public JsonNode createRoute(String namespace, String method, String path, String function) {
		ResponseEntity<JsonNode> response = post(routesPath(namespace),
				Map.of("method", method, "path", path, "function", function));
		assertThat(response.getStatusCode()).as("create route %s %s: %s", method, path, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	/**
	 * The names of every function in a namespace, following the pages to the end.
	 * @param namespace the namespace
	 * @return the names, in list order
	 */
	public List<String> functionNames(String namespace) {
		List<String> names = new ArrayList<>();
		String token = null;
		do {
			ResponseEntity<JsonNode> page = (token != null)
					? get(functionsPath(namespace) + "?limit=100&pageToken={token}", token)
					: get(functionsPath(namespace) + "?limit=100");
			assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
			for (JsonNode item : page.getBody().get("items")) {
				names.add(item.get("name").asString());
			}
			JsonNode next = page.getBody().get("nextPageToken");
			token = (next != null && !next.isNull()) ? next.asString() : null;
		}
		while (token != null);
		return names;
	}

	/**
	 * The configuration snapshot.
	 * @return the snapshot JSON
	 */
	public JsonNode snapshot() {
		ResponseEntity<JsonNode> response = get("/internal/v1/config/snapshot");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	/**
	 * The current configuration revision.
	 * @return the revision
	 */
	public long revision() {
		return snapshot().get("revision").asLong();
	}

	/**
	 * The functions path of a namespace.
	 * @param namespace the namespace
	 * @return the path
	 */
	public static String functionsPath(String namespace) {
		return "/v1/namespaces/" + namespace + "/functions";
	}

	/**
	 * The routes path of a namespace.
	 * @param namespace the namespace
	 * @return the path
	 */
	public static String routesPath(String namespace) {
		return "/v1/namespaces/" + namespace + "/routes";
	}

	/**
	 * Asserts that a response is an RFC 9457 problem of this service.
	 * @param response the response
	 * @param status the expected status
	 * @param code the expected {@code code}
	 * @return the problem body
	 */
	public static JsonNode assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).as("status of %s", response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		JsonNode problem = response.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.path("code").asString()).as("code of %s", problem).isEqualTo(code);
		assertThat(problem.path("type").asString()).startsWith(PROBLEM_TYPE_BASE);
		assertThat(problem.path("status").asInt()).isEqualTo(status.value());
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("retryable").isBoolean()).isTrue();
		assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("\tat ");
		return problem;
	}

}
