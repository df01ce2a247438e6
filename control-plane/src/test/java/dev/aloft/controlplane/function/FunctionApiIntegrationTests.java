package dev.aloft.controlplane.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.RevisionLock;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.unit.DataSize;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.pythonFunction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions API over HTTP on a real database: create (JSON and multipart), read,
 * list, delete, and every way a request can be wrong, each answered with a problem and
 * leaving the store as it was.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class FunctionApiIntegrationTests {

	private static final String DEFAULT = "default";

	private static final String FUNCTIONS = functionsPath(DEFAULT);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	private ControlPlaneClient client;

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void createsFunctionFromJsonWithLambdaDefaults() {
		byte[] zip = CodeZips.pythonApp("defaults");

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, pythonFunction("json-defaults", zip));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + "/v1/namespaces/default/functions/json-defaults");
		assertThat(response.getHeaders().getETag()).matches("\"\\d+\"");
		JsonNode function = response.getBody();
		assertThat(function.get("namespace").asString()).isEqualTo(DEFAULT);
		assertThat(function.get("name").asString()).isEqualTo("json-defaults");
		assertThat(function.get("runtime").asString()).isEqualTo("python3.12");
		assertThat(function.get("handler").asString()).isEqualTo("app.handler");
		assertThat(function.get("memoryMb").asInt()).isEqualTo(128);
		assertThat(function.get("timeoutSeconds").asInt()).isEqualTo(3);
		assertThat(function.get("ephemeralStorageMb").asInt()).isEqualTo(512);
		assertThat(function.get("description").asString()).isEmpty();
		assertThat(function.get("environment").isObject()).isTrue();
		assertThat(function.get("environment").isEmpty()).isTrue();
		assertThat(function.get("codeSha256").asString()).isEqualTo(sha256(zip));
		assertThat(function.get("codeSizeBytes").asLong()).isEqualTo(zip.length);
		assertThat(UUID.fromString(function.get("revisionId").asString())).isNotNull();
		Instant createdAt = Instant.parse(function.get("createdAt").asString());
		assertThat(createdAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
		assertThat(Instant.parse(function.get("updatedAt").asString())).isEqualTo(createdAt);

		ResponseEntity<JsonNode> read = this.client.rest()
			.get()
			.uri(response.getHeaders().getLocation())
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getHeaders().getETag()).isEqualTo(response.getHeaders().getETag());
		assertThat(read.getBody()).isEqualTo(function);
	}

	@Test
	void createsFunctionWithEverySettingGiven() {
		Map<String, Object> request = pythonFunction("json-settings", CodeZips.pythonApp("settings"));
		request.put("memoryMb", 10240);
		request.put("timeoutSeconds", 900);
		request.put("ephemeralStorageMb", 10240);
		request.put("description", "d".repeat(256));
		request.put("environment", Map.of("TABLE_NAME", "orders", "STAGE", "prod"));

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, request);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode function = response.getBody();
		assertThat(function.get("memoryMb").asInt()).isEqualTo(10240);
		assertThat(function.get("timeoutSeconds").asInt()).isEqualTo(900);
		assertThat(function.get("ephemeralStorageMb").asInt()).isEqualTo(10240);
		assertThat(function.get("description").asString()).hasSize(256);
		assertThat(function.get("environment").get("TABLE_NAME").asString()).isEqualTo("orders");
		assertThat(function.get("environment").get("STAGE").asString()).isEqualTo("prod");
		assertThat(this.client.get(FUNCTIONS + "/json-settings").getBody()).isEqualTo(function);
	}

	@Test
	void acceptsTheLowestSettings() {
		Map<String, Object> request = pythonFunction("json-lowest", CodeZips.pythonApp("lowest"));
		request.put("memoryMb", 128);
		request.put("timeoutSeconds", 1);
		request.put("ephemeralStorageMb", 512);

		assertThat(this.client.post(FUNCTIONS, request).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void createsFunctionFromMultipartConfigurationAndZip() {
		byte[] zip = CodeZips.of(Map.of("index.mjs",
				"export const handler = async (event) => event;\n".getBytes(StandardCharsets.UTF_8)));
		Map<String, Object> configuration = Map.of("name", "multipart-node", "runtime", "nodejs22.x", "handler",
				"index.handler", "memoryMb", 256);

		ResponseEntity<JsonNode> response = this.client.postMultipart(FUNCTIONS, configuration, zip);

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getLocation()).hasPath("/v1/namespaces/default/functions/multipart-node");
		assertThat(response.getHeaders().getETag()).isNotBlank();
		JsonNode function = response.getBody();
		assertThat(function.get("runtime").asString()).isEqualTo("nodejs22.x");
		assertThat(function.get("memoryMb").asInt()).isEqualTo(256);
		assertThat(function.get("timeoutSeconds").asInt()).isEqualTo(3);
		assertThat(function.get("codeSha256").asString()).isEqualTo(sha256(zip));
		assertThat(function.get("codeSizeBytes").asLong()).isEqualTo(zip.length);
		assertThat(this.client.get(FUNCTIONS + "/multipart-node").getBody()).isEqualTo(function);
	}

	@Test
	void rejectsMultipartWithoutCodePart() {
		StoreState before = storeState();

		ResponseEntity<JsonNode> response = this.client.postParts(FUNCTIONS,
				"{\"name\":\"multipart-no-code\",\"runtime\":\"python3.12\",\"handler\":\"app.handler\"}", null);

		assertProblem(response, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertThat(storeState()).isEqualTo(before);
	}

	@Test
	void rejectsMultipartWithCorruptZip() {
		StoreState before = storeState();

		ResponseEntity<JsonNode> response = this.client.postMultipart(FUNCTIONS,
				Map.of("name", "multipart-corrupt", "runtime", "python3.12", "handler", "app.handler"),
				"not a zip".getBytes(StandardCharsets.UTF_8));

		assertProblem(response, HttpStatus.BAD_REQUEST, "INVALID_CODE");
		assertThat(storeState()).isEqualTo(before);
	}

	@Test
	void rejectsMultipartWithInvalidConfiguration() {
		StoreState before = storeState();

		ResponseEntity<JsonNode> response = this.client.postMultipart(FUNCTIONS,
				Map.of("name", "multipart-invalid", "runtime", "python3.12", "handler", "app.handler", "memoryMb", 64),
				CodeZips.pythonApp());

		assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(storeState()).isEqualTo(before);
	}

	@Test
	void getsFunctionAndReportsMissingOnes() {
		this.client.createFunction(DEFAULT, "get-me");

		ResponseEntity<JsonNode> found = this.client.get(FUNCTIONS + "/get-me");
		assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(found.getBody().get("name").asString()).isEqualTo("get-me");

		JsonNode problem = assertProblem(this.client.get(FUNCTIONS + "/no-such-function"), HttpStatus.NOT_FOUND,
				"FUNCTION_NOT_FOUND");
		assertThat(problem.get("type").asString()).isEqualTo("https://docs.aloft.dev/problems/function-not-found");
		assertThat(problem.get("retryable").asBoolean()).isFalse();
		assertThat(problem.get("detail").asString()).contains("no-such-function");
	}

	@Test
	void listsWithCursorPaging() {
		String namespace = newNamespace();
		for (String name : List.of("charlie", "alpha", "bravo")) {
			this.client.createFunction(namespace, name);
		}

		ResponseEntity<JsonNode> first = this.client.get(functionsPath(namespace) + "?limit=2");
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(names(first.getBody())).containsExactly("alpha", "bravo");
		String token = first.getBody().get("nextPageToken").asString();
		assertThat(token).isNotBlank();

		ResponseEntity<JsonNode> second = this.client.get(functionsPath(namespace) + "?limit=2&pageToken={token}",
				token);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(names(second.getBody())).containsExactly("charlie");
		assertThat(second.getBody().path("nextPageToken").isNull()
				|| second.getBody().path("nextPageToken").isMissingNode())
			.as("no next page in %s", second.getBody())
			.isTrue();

		ResponseEntity<JsonNode> all = this.client.get(functionsPath(namespace));
		assertThat(names(all.getBody())).containsExactly("alpha", "bravo", "charlie");
		assertThat(all.getBody().get("items").get(0).get("namespace").asString()).isEqualTo(namespace);
	}

	@Test
	void listOfExactlyOnePageHasNoNextPage() {
		String namespace = newNamespace();
		this.client.createFunction(namespace, "one");
		this.client.createFunction(namespace, "two");

		JsonNode page = this.client.get(functionsPath(namespace) + "?limit=2").getBody();

		assertThat(names(page)).containsExactly("one", "two");
		assertThat(page.path("nextPageToken").isNull() || page.path("nextPageToken").isMissingNode()).isTrue();
	}

	@Test
	void listOfEmptyNamespaceIsEmpty() {
		JsonNode page = this.client.get(functionsPath(newNamespace())).getBody();

		assertThat(page.get("items").isEmpty()).isTrue();
	}

	@Test
	void rejectsInvalidPagingParameters() {
		assertProblem(this.client.get(FUNCTIONS + "?limit=0"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.get(FUNCTIONS + "?limit=101"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.get(FUNCTIONS + "?limit=many"), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertProblem(this.client.get(FUNCTIONS + "?pageToken=!!!"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
	}

	@Test
	void deletesFunction() {
		this.client.createFunction(DEFAULT, "delete-me");

		ResponseEntity<JsonNode> deleted = this.client.delete(FUNCTIONS + "/delete-me");

		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(deleted.getBody()).isNull();
		assertProblem(this.client.get(FUNCTIONS + "/delete-me"), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertProblem(this.client.delete(FUNCTIONS + "/delete-me"), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertThat(this.client.functionNames(DEFAULT)).doesNotContain("delete-me");

		this.client.createFunction(DEFAULT, "delete-me");
		assertThat(this.client.functionNames(DEFAULT)).contains("delete-me");
	}

	@Test
	void rejectsDuplicateName() {
		this.client.createFunction(DEFAULT, "duplicate");
		StoreState before = storeState();

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS,
				pythonFunction("duplicate", CodeZips.pythonApp("duplicate")));

		JsonNode problem = assertProblem(response, HttpStatus.CONFLICT, "FUNCTION_EXISTS");
		assertThat(problem.get("detail").asString()).contains("duplicate");
		assertThat(storeState()).isEqualTo(before);
	}

	@Test
	void sameNameInAnotherNamespaceIsAnotherFunction() {
		String namespace = newNamespace();
		this.client.createFunction(DEFAULT, "shared-name");

		JsonNode other = this.client.createFunction(namespace, "shared-name");

		assertThat(other.get("namespace").asString()).isEqualTo(namespace);
		this.client.delete(functionsPath(namespace) + "/shared-name");
		assertThat(this.client.get(FUNCTIONS + "/shared-name").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void reportsUnknownNamespace() {
		String missing = functionsPath("no-such-namespace");
		StoreState before = storeState();

		assertProblem(this.client.post(missing, pythonFunction("in-missing-namespace")), HttpStatus.NOT_FOUND,
				"NAMESPACE_NOT_FOUND");
		assertProblem(this.client.postMultipart(missing,
				Map.of("name", "in-missing-namespace", "runtime", "python3.12", "handler", "app.handler"),
				CodeZips.pythonApp()), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(this.client.get(missing), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(this.client.get(missing + "/anything"), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(this.client.delete(missing + "/anything"), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertThat(storeState()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("abuse")
	void rejectsAbuseWithProblemAndLeavesStoreUnchanged(String label, String path, String body, HttpStatus status,
			String code) {
		StoreState before = storeState();

		ResponseEntity<JsonNode> response = this.client.post(path, body);

		assertProblem(response, status, code);
		assertThat(storeState()).isEqualTo(before);
	}

	static Stream<Arguments> abuse() {
		HttpStatus badRequest = HttpStatus.BAD_REQUEST;
		byte[] slip = new CodeZips.Crafted().entry("app.py", bytes("def handler(e, c): pass\n"))
			.entry("../evil.py", bytes("import os\n"))
			.build();
		byte[] valid = CodeZips.pythonApp("abuse");
		byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
		Map<String, String> bigEnvironment = new LinkedHashMap<>();
		for (int i = 0; i < 5; i++) {
			bigEnvironment.put("VARIABLE_" + i, "v".repeat(1000));
		}
		return Stream.of(
				abuse("invalid name", request((r) -> r.put("name", "bad name!")), badRequest, "VALIDATION_FAILED"),
				abuse("name too long", request((r) -> r.put("name", "n".repeat(65))), badRequest, "VALIDATION_FAILED"),
				abuse("blank name", request((r) -> r.put("name", "")), badRequest, "VALIDATION_FAILED"),
				abuse("unknown field", request((r) -> r.put("memorySize", 256)), badRequest, "MALFORMED_REQUEST"),
				abuse("unknown nested field",
						request((r) -> r.put("code", Map.of("zipFile", CodeZips.base64(valid), "s3Bucket", "b"))),
						badRequest, "MALFORMED_REQUEST"),
				abuse("memory 64", request((r) -> r.put("memoryMb", 64)), badRequest, "VALIDATION_FAILED"),
				abuse("memory 20000", request((r) -> r.put("memoryMb", 20000)), badRequest, "VALIDATION_FAILED"),
				abuse("memory not a number", request((r) -> r.put("memoryMb", "lots")), badRequest,
						"MALFORMED_REQUEST"),
				abuse("timeout 0", request((r) -> r.put("timeoutSeconds", 0)), badRequest, "VALIDATION_FAILED"),
				abuse("timeout 901", request((r) -> r.put("timeoutSeconds", 901)), badRequest, "VALIDATION_FAILED"),
				abuse("ephemeral storage 511", request((r) -> r.put("ephemeralStorageMb", 511)), badRequest,
						"VALIDATION_FAILED"),
				abuse("ephemeral storage 10241", request((r) -> r.put("ephemeralStorageMb", 10241)), badRequest,
						"VALIDATION_FAILED"),
				abuse("description too long", request((r) -> r.put("description", "d".repeat(257))), badRequest,
						"VALIDATION_FAILED"),
				abuse("handler with whitespace", request((r) -> r.put("handler", "app handler")), badRequest,
						"VALIDATION_FAILED"),
				abuse("handler too long", request((r) -> r.put("handler", "a".repeat(121) + ".handler")), badRequest,
						"VALIDATION_FAILED"),
				abuse("unsupported runtime", request((r) -> r.put("runtime", "cobol85")), badRequest,
						"VALIDATION_FAILED"),
				abuse("retired runtime", request((r) -> r.put("runtime", "python2.7")), badRequest,
						"VALIDATION_FAILED"),
				abuse("missing runtime", request((r) -> r.remove("runtime")), badRequest, "VALIDATION_FAILED"),
				abuse("missing code", request((r) -> r.remove("code")), badRequest, "VALIDATION_FAILED"),
				abuse("code without zip", request((r) -> r.put("code", Map.of())), badRequest, "VALIDATION_FAILED"),
				abuse("empty zipFile", request((r) -> r.put("code", Map.of("zipFile", ""))), badRequest,
						"VALIDATION_FAILED"),
				abuse("invalid base64", request((r) -> r.put("code", Map.of("zipFile", "%%%not-base64%%%"))),
						badRequest, "INVALID_CODE"),
				abuse("zip-slip zip", request((r) -> r.put("code", Map.of("zipFile", CodeZips.base64(slip)))),
						badRequest, "INVALID_CODE"),
				abuse("corrupt zip", request((r) -> r.put("code", Map.of("zipFile", CodeZips.base64(truncated)))),
						badRequest, "INVALID_CODE"),
				abuse("not a zip", request((r) -> r.put("code", Map.of("zipFile", CodeZips.base64(bytes("hi"))))),
						badRequest, "INVALID_CODE"),
				abuse("empty zip", request((r) -> r.put("code", Map.of("zipFile", CodeZips.base64(CodeZips.empty())))),
						badRequest, "INVALID_CODE"),
				abuse("handler not in archive", request((r) -> r.put("handler", "main.handler")), badRequest,
						"INVALID_CODE"),
				abuse("handler of another runtime", request((r) -> r.put("runtime", "nodejs20.x")), badRequest,
						"INVALID_CODE"),
				abuse("reserved environment variable",
						request((r) -> r.put("environment", Map.of("AWS_REGION", "eu-west-1"))), badRequest,
						"VALIDATION_FAILED"),
				abuse("invalid environment variable name", request((r) -> r.put("environment", Map.of("1ST", "x"))),
						badRequest, "VALIDATION_FAILED"),
				abuse("environment variable without value",
						request((r) -> r.put("environment", nullValued("NO_VALUE"))), badRequest, "VALIDATION_FAILED"),
				abuse("environment over 4 KB", request((r) -> r.put("environment", bigEnvironment)), badRequest,
						"VALIDATION_FAILED"),
				abuse("malformed JSON", "/v1/namespaces/default/functions", "{\"name\": \"x\",", badRequest,
						"MALFORMED_REQUEST"),
				abuse("JSON array", "/v1/namespaces/default/functions", "[]", badRequest, "MALFORMED_REQUEST"),
				Arguments.of("unsupported API version /v2", "/v2/namespaces/default/functions",
						request((r) -> r.put("name", "version-two")), badRequest, "MALFORMED_REQUEST"));
	}

	@Test
	void rejectsZipBombWithoutStoringIt() {
		byte[] bomb = CodeZips.zeros("zeros.bin", DataSize.ofMegabytes(300).toBytes());
		StoreState before = storeState();

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, pythonFunction("zip-bomb", bomb));

		assertProblem(response, HttpStatus.CONTENT_TOO_LARGE, "CODE_TOO_LARGE");
		assertThat(storeState()).isEqualTo(before);
	}

	/**
	 * {@code code.zipFile} that is not base64 should be reported as such, not decoded
	 * leniently into other bytes.
	 */
	@Test
	void reportsInvalidBase64AsSuch() {
		Map<String, Object> request = pythonFunction("bad-base64");
		request.put("code", Map.of("zipFile", "this is not base64!"));

		JsonNode problem = assertProblem(this.client.post(FUNCTIONS, request), HttpStatus.BAD_REQUEST, "INVALID_CODE");

		assertThat(problem.get("detail").asString()).contains("base64");
	}

	@Test
	void acceptsBase64WrappedOverLines() {
		byte[] zip = CodeZips.pythonApp("wrapped");
		Map<String, Object> request = pythonFunction("wrapped-base64");
		request.put("code", Map.of("zipFile", Base64.getMimeEncoder().encodeToString(zip)));

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, request);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().get("codeSha256").asString()).isEqualTo(sha256(zip));
	}

	/**
	 * Environment variables within the 4 KB Lambda allows are accepted whatever their
	 * characters; quotes and control characters take more room once stored as JSON, and
	 * must neither fail nor be reported as a name conflict.
	 */
	@Test
	void storesEnvironmentWithinTheLimitWhateverItsCharacters() {
		Map<String, String> environment = new HashMap<>();
		environment.put("QUOTES", "\"".repeat(2000));
		environment.put("CONTROL", "\u0001".repeat(2000));
		Map<String, Object> request = pythonFunction("escaped-environment", CodeZips.pythonApp("escaped"));
		request.put("environment", environment);

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, request);

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode stored = this.client.get(FUNCTIONS + "/escaped-environment").getBody().get("environment");
		assertThat(stored.get("QUOTES").asString()).isEqualTo(environment.get("QUOTES"));
		assertThat(stored.get("CONTROL").asString()).isEqualTo(environment.get("CONTROL"));
	}

	@Test
	void storesIdenticalCodeOnce() {
		byte[] zip = CodeZips.pythonApp("shared-code");
		long artifacts = artifactCount();

		JsonNode first = this.client.post(FUNCTIONS, pythonFunction("shared-code-1", zip)).getBody();
		JsonNode second = this.client.post(FUNCTIONS, pythonFunction("shared-code-2", zip)).getBody();

		assertThat(second.get("codeSha256")).isEqualTo(first.get("codeSha256"));
		assertThat(artifactCount()).isEqualTo(artifacts + 1);
	}

	@Test
	void concurrentCreatesOfOneNameMakeOneFunction() throws Exception {
		int requests = 3;
		List<CompletableFuture<ResponseEntity<JsonNode>>> creates = new ArrayList<>();
		try (RevisionLock lock = RevisionLock.hold(this.dataSource)) {
			for (int i = 0; i < requests; i++) {
				Map<String, Object> request = pythonFunction("raced-name", CodeZips.pythonApp("raced-name-" + i));
				creates.add(CompletableFuture.supplyAsync(() -> this.client.post(FUNCTIONS, request)));
			}
			lock.awaitWaiting(requests);
		}

		List<ResponseEntity<JsonNode>> responses = creates.stream().map(CompletableFuture::join).toList();
		assertThat(responses).filteredOn((response) -> response.getStatusCode() == HttpStatus.CREATED).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.getStatusCode() != HttpStatus.CREATED)
			.allSatisfy((response) -> assertProblem(response, HttpStatus.CONFLICT, "FUNCTION_EXISTS"));
		assertThat(this.client.functionNames(DEFAULT)).containsOnlyOnce("raced-name");
	}

	/**
	 * Code is stored once per content, so functions created at the same time from the
	 * same zip share one artifact; none of them may fail for it.
	 */
	@Test
	void concurrentCreatesFromOneZipAllSucceed() throws Exception {
		byte[] zip = CodeZips.pythonApp("raced-code");
		int requests = 3;
		List<CompletableFuture<ResponseEntity<JsonNode>>> creates = new ArrayList<>();
		try (RevisionLock lock = RevisionLock.hold(this.dataSource)) {
			for (int i = 0; i < requests; i++) {
				Map<String, Object> request = pythonFunction("raced-code-" + i, zip);
				creates.add(CompletableFuture.supplyAsync(() -> this.client.post(FUNCTIONS, request)));
			}
			lock.awaitWaiting(requests);
		}

		assertThat(creates.stream().map(CompletableFuture::join))
			.allSatisfy((response) -> assertThat(response.getStatusCode()).as("%s", response.getBody())
				.isEqualTo(HttpStatus.CREATED));
		assertThat(this.client.functionNames(DEFAULT)).contains("raced-code-0", "raced-code-1", "raced-code-2");
	}

	@Test
	void answersUnsupportedMediaTypeWithProblem() {
		ResponseEntity<JsonNode> response = this.client.rest()
			.post()
			.uri(FUNCTIONS)
			.contentType(MediaType.TEXT_PLAIN)
			.body("name=x")
			.retrieve()
			.toEntity(JsonNode.class);

		assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void answersMethodNotAllowedWithProblem() {
		ResponseEntity<JsonNode> response = this.client.rest()
			.patch()
			.uri(FUNCTIONS + "/anything")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(JsonNode.class);

		assertProblem(response, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED");
		assertThat(response.getHeaders().getAllow()).isNotEmpty();
	}

	@Test
	void answersUnknownPathWithProblem() {
		assertProblem(this.client.get("/v1/no-such-resource"), HttpStatus.NOT_FOUND, "NOT_FOUND");
	}

	@Test
	void servesPublicApiOnlyUnderItsVersion() {
		assertThat(this.client.get("/v1/namespaces/default/functions").getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Integer> statuses = new LinkedHashMap<>();
		for (String prefix : List.of("", "/api", "/x1", "/internal", "/v1.5")) {
			String path = prefix + "/namespaces/default/functions";
			statuses.put(path, this.client.get(path).getStatusCode().value());
		}

		assertThat(statuses).as("only /v1 serves the public API")
			.allSatisfy((path, status) -> assertThat(status).as("status of %s", path).isBetween(400, 499));
	}

	private static Arguments abuse(String label, String body, HttpStatus status, String code) {
		return Arguments.of(label, FUNCTIONS, body, status, code);
	}

	private static Arguments abuse(String label, String path, String body, HttpStatus status, String code) {
		return Arguments.of(label, path, body, status, code);
	}

	private static String request(Consumer<Map<String, Object>> change) {
		Map<String, Object> request = pythonFunction("abused", CodeZips.pythonApp("abuse"));
		change.accept(request);
		return JSON.writeValueAsString(request);
	}

	private static Map<String, String> nullValued(String name) {
		Map<String, String> environment = new HashMap<>();
		environment.put(name, null);
		return environment;
	}

	private String newNamespace() {
		String name = "ns-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("INSERT INTO namespace (name, created_at) VALUES (:name, CURRENT_TIMESTAMP)")
			.param("name", name)
			.update();
		return name;
	}

	private StoreState storeState() {
		JsonNode snapshot = this.client.snapshot();
		return new StoreState(this.client.functionNames(DEFAULT), snapshot.get("revision").asLong(),
				snapshot.get("resources").size(), artifactCount());
	}

	private long artifactCount() {
		return this.jdbc.sql("SELECT count(*) FROM code_artifact").query(Long.class).single();
	}

	private static List<String> names(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("name").asString()).toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What an abusive request must not change: the functions listed, the feed's revision
	 * and resources, and the stored code.
	 */
	private record StoreState(List<String> functions, long revision, int resources, long artifacts) {
	}

}
