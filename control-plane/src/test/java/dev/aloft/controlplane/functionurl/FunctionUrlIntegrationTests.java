package dev.aloft.controlplane.functionurl;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionUrlConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.TriggerTestSupport.feed;
import static dev.aloft.controlplane.TriggerTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function URLs API over HTTP on a real database: one URL per function or alias
 * (never per version), a random URL id that stays the same across replaces, Lambda's CORS
 * limits, optimistic replaces, the records on the feed, and namespaces that see only
 * their own URLs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class FunctionUrlIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private ControlPlaneClient client;

	private String function;

	private String url;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		this.function = uniqueName("urlfn");
		TriggerTestSupport.createFunctionWithAlias(this.client, "default", this.function);
		this.url = ControlPlaneClient.functionsPath("default") + "/" + this.function + "/url";
	}

	@Test
	void createsUrlOfLatestWithDefaults() {
		ResponseEntity<JsonNode> response = this.client.post(this.url, Map.of("authType", "NONE"));

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getLocation()).hasToString("http://localhost:" + this.port + this.url);
		assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
		JsonNode created = response.getBody();
		String urlId = created.get("urlId").asString();
		assertThat(urlId).matches("[a-z0-9]{32}");
		assertThat(created.get("functionUrl").asString()).isEqualTo("http://localhost:8080/urls/" + urlId + "/");
		assertThat(created.get("namespace").asString()).isEqualTo("default");
		assertThat(created.get("function").asString()).isEqualTo(this.function);
		assertThat(created.get("qualifier").asString()).isEqualTo("$LATEST");
		assertThat(created.get("authType").asString()).isEqualTo("NONE");
		assertThat(created.get("invokeMode").asString()).isEqualTo("BUFFERED");
		assertThat(created.has("cors")).isFalse();
		assertThat(created.has("entityVersion")).isFalse();
		assertThat(created.get("updatedAt")).isEqualTo(created.get("createdAt"));
		assertThat(Instant.parse(created.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(5));

		ResponseEntity<JsonNode> read = this.client.get(this.url);
		assertThat(read.getBody()).isEqualTo(created);
		assertThat(read.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(feedOf("$LATEST"))
			.isEqualTo(new FunctionUrlConfig("default", this.function, "$LATEST", urlId, "NONE", null, "BUFFERED"));
		assertThat(urlResource(urlId).get("kind").asString()).isEqualTo("FUNCTION_URL");
		assertThat(this.client.get(this.url + "?qualifier=$LATEST").getBody()).isEqualTo(created);
	}

	@Test
	void createsUrlOfAnAliasWithCors() {
		Map<String, Object> cors = new LinkedHashMap<>();
		cors.put("allowCredentials", true);
		cors.put("allowHeaders", List.of("content-type", "x-custom"));
		cors.put("allowMethods", List.of("get", "POST", "*"));
		cors.put("allowOrigins", List.of("https://example.com"));
		cors.put("maxAgeSeconds", 600);

		ResponseEntity<JsonNode> response = this.client.post(this.url + "?qualifier=live",
				Map.of("authType", "AWS_IAM", "invokeMode", "RESPONSE_STREAM", "cors", cors));

		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + this.url + "?qualifier=live");
		JsonNode created = response.getBody();
		assertThat(created.get("qualifier").asString()).isEqualTo("live");
		assertThat(created.get("cors").get("allowMethods").valueStream().map(JsonNode::asString)).containsExactly("GET",
				"POST", "*");
		assertThat(created.get("cors").get("exposeHeaders")).isEmpty();
		FunctionUrlConfig.Cors expected = new FunctionUrlConfig.Cors(true, List.of("content-type", "x-custom"),
				List.of("GET", "POST", "*"), List.of("https://example.com"), List.of(), 600);
		assertThat(feedOf("live")).isEqualTo(new FunctionUrlConfig("default", this.function, "live",
				created.get("urlId").asString(), "AWS_IAM", expected, "RESPONSE_STREAM"));
		assertThat(this.client.get(this.url + "?qualifier=live").getBody()).isEqualTo(created);
		assertProblem(this.client.get(this.url), HttpStatus.NOT_FOUND, "FUNCTION_URL_NOT_FOUND");
	}

	@Test
	void rejectsASecondUrlForTheSameQualifier() {
		String urlId = created(this.url, Map.of("authType", "NONE")).get("urlId").asString();
		long revision = this.client.revision();

		JsonNode problem = assertProblem(this.client.post(this.url, Map.of("authType", "AWS_IAM")), HttpStatus.CONFLICT,
				"FUNCTION_URL_EXISTS");

		assertThat(problem.get("detail").asString())
			.isEqualTo("Failed to create function url config for " + "[functionArn = default/" + this.function
					+ ":$LATEST]. Error message:  FunctionUrlConfig exists for this Lambda function");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(feedOf("$LATEST").urlId()).isEqualTo(urlId);
		assertThat(this.client.post(this.url + "?qualifier=live", Map.of("authType", "NONE")).getStatusCode())
			.as("the alias may have a URL of its own")
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void urlsPointAtLatestOrAnAliasOnly() {
		long revision = this.client.revision();

		JsonNode version = assertProblem(this.client.post(this.url + "?qualifier=1", Map.of("authType", "NONE")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(version.get("detail").asString()).contains("'1' is a version number");
		assertThat(version.get("errors").get(0).get("pointer").asString()).isEqualTo("/qualifier");
		assertProblem(this.client.post(this.url + "?qualifier=no-such-alias", Map.of("authType", "NONE")),
				HttpStatus.NOT_FOUND, "ALIAS_NOT_FOUND");
		assertProblem(this.client.post(this.url + "?qualifier=bad alias", Map.of("authType", "NONE")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.get(this.url + "?qualifier=1"), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.post(ControlPlaneClient.functionsPath("default") + "/no-such-function/url",
				Map.of("authType", "NONE")), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertProblem(this.client.post("/v1/namespaces/no-such-namespace/functions/fn/url", Map.of("authType", "NONE")),
				HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(feedUrls()).isEmpty();
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of("no auth type", Map.of(), "VALIDATION_FAILED"),
				Arguments.of("unknown auth type", Map.of("authType", "BASIC"), "MALFORMED_REQUEST"),
				Arguments.of("unknown invoke mode", Map.of("authType", "NONE", "invokeMode", "ASYNC"),
						"MALFORMED_REQUEST"),
				Arguments.of("unknown field", Map.of("authType", "NONE", "AuthType", "NONE"), "MALFORMED_REQUEST"),
				Arguments.of("seven methods",
						cors("allowMethods", List.of("GET", "PUT", "HEAD", "POST", "PATCH", "DELETE", "*")),
						"VALIDATION_FAILED"),
				Arguments.of("unknown method", cors("allowMethods", List.of("OPTIONS")), "VALIDATION_FAILED"),
				Arguments.of("101 origins", cors("allowOrigins", Collections.nCopies(101, "https://example.com")),
						"VALIDATION_FAILED"),
				Arguments.of("101 headers", cors("allowHeaders", Collections.nCopies(101, "x-h")), "VALIDATION_FAILED"),
				Arguments.of("101 exposed headers", cors("exposeHeaders", Collections.nCopies(101, "x-h")),
						"VALIDATION_FAILED"),
				Arguments.of("max age over a day", cors("maxAgeSeconds", 86401), "VALIDATION_FAILED"),
				Arguments.of("negative max age", cors("maxAgeSeconds", -1), "VALIDATION_FAILED"),
				Arguments.of("blank origin", cors("allowOrigins", List.of(" ")), "VALIDATION_FAILED"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void rejectsInvalidSettingsAndChangesNothing(String description, Map<String, Object> request, String code) {
		long revision = this.client.revision();

		assertProblem(this.client.post(this.url, request), HttpStatus.BAD_REQUEST, code);

		assertProblem(this.client.get(this.url), HttpStatus.NOT_FOUND, "FUNCTION_URL_NOT_FOUND");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(feedUrls()).isEmpty();
	}

	@Test
	void replacesSettingsOnlyWithTheCurrentETagAndKeepsTheUrl() {
		ResponseEntity<JsonNode> response = this.client.post(this.url, Map.of("authType", "NONE"));
		JsonNode created = response.getBody();
		Map<String, Object> change = Map.of("authType", "AWS_IAM", "invokeMode", "RESPONSE_STREAM", "cors",
				Map.of("allowOrigins", List.of("*")));
		long revision = this.client.revision();

		assertProblem(this.client.put(this.url, null, change), HttpStatus.PRECONDITION_REQUIRED,
				"PRECONDITION_REQUIRED");
		assertProblem(this.client.put(this.url, "\"9\"", change), HttpStatus.PRECONDITION_FAILED,
				"PRECONDITION_FAILED");
		assertThat(this.client.revision()).isEqualTo(revision);

		ResponseEntity<JsonNode> replaced = this.client.put(this.url, response.getHeaders().getETag(), change);

		assertThat(replaced.getStatusCode()).as("%s", replaced.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(replaced.getHeaders().getETag()).isEqualTo("\"1\"");
		JsonNode url = replaced.getBody();
		assertThat(url.get("urlId")).isEqualTo(created.get("urlId"));
		assertThat(url.get("functionUrl")).isEqualTo(created.get("functionUrl"));
		assertThat(url.get("createdAt")).isEqualTo(created.get("createdAt"));
		assertThat(Instant.parse(url.get("updatedAt").asString()))
			.isAfter(Instant.parse(created.get("createdAt").asString()));
		assertThat(url.get("authType").asString()).isEqualTo("AWS_IAM");
		assertThat(feedOf("$LATEST"))
			.isEqualTo(new FunctionUrlConfig("default", this.function, "$LATEST", created.get("urlId").asString(),
					"AWS_IAM", new FunctionUrlConfig.Cors(false, List.of(), List.of(), List.of("*"), List.of(), 0),
					"RESPONSE_STREAM"));

		ResponseEntity<JsonNode> again = this.client.put(this.url, "*", Map.of("authType", "NONE"));
		assertThat(again.getBody().get("urlId")).isEqualTo(created.get("urlId"));
		assertThat(again.getBody().has("cors")).as("a replace drops what it leaves out").isFalse();
		assertThat(feedOf("$LATEST").urlId()).isEqualTo(created.get("urlId").asString());
		assertProblem(this.client.put(this.url + "?qualifier=live", "*", change), HttpStatus.NOT_FOUND,
				"FUNCTION_URL_NOT_FOUND");
	}

	@Test
	void deletesAUrlAndRetractsIt() {
		String urlId = created(this.url, Map.of("authType", "NONE")).get("urlId").asString();

		assertThat(this.client.delete(this.url).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.client.get(this.url), HttpStatus.NOT_FOUND, "FUNCTION_URL_NOT_FOUND");
		assertProblem(this.client.delete(this.url), HttpStatus.NOT_FOUND, "FUNCTION_URL_NOT_FOUND");
		assertThat(feedUrls()).isEmpty();
		String recreated = created(this.url, Map.of("authType", "NONE")).get("urlId").asString();
		assertThat(recreated).as("a new URL gets a new id").isNotEqualTo(urlId);
	}

	@Test
	void listsAFunctionsUrlsLatestFirst() {
		assertThat(this.client
			.post(ControlPlaneClient.functionsPath("default") + "/" + this.function + "/aliases",
					Map.of("name", "beta", "functionVersion", "$LATEST"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		created(this.url + "?qualifier=live", Map.of("authType", "NONE"));
		created(this.url + "?qualifier=beta", Map.of("authType", "NONE"));
		created(this.url, Map.of("authType", "AWS_IAM"));

		JsonNode list = this.client.get(this.url + "s").getBody();

		assertThat(list.get("items").valueStream().map((item) -> item.get("qualifier").asString()))
			.containsExactly("$LATEST", "beta", "live");
		assertProblem(this.client.get(ControlPlaneClient.functionsPath("default") + "/no-such-function/urls"),
				HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
	}

	@Test
	void aNamespaceSeesOnlyItsOwnUrls() {
		String teamA = TriggerTestSupport.createNamespace(this.client);
		String teamB = TriggerTestSupport.createNamespace(this.client);
		this.client.createFunction(teamA, "fn");
		this.client.createFunction(teamB, "fn");
		String teamAUrl = ControlPlaneClient.functionsPath(teamA) + "/fn/url";
		created(teamAUrl, Map.of("authType", "NONE"));
		ControlPlaneClient teamBKey = TriggerTestSupport.keyWithRole(this.client, this.port, teamB, "ADMIN");
		long revision = this.client.revision();

		assertProblem(teamBKey.get(teamAUrl), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get(teamAUrl + "s"), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.put(teamAUrl, "*", Map.of("authType", "AWS_IAM")), HttpStatus.NOT_FOUND,
				"NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.delete(teamAUrl), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.post(ControlPlaneClient.functionsPath(teamA) + "/fn/url?qualifier=x",
				Map.of("authType", "NONE")), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(teamBKey.get(ControlPlaneClient.functionsPath(teamB) + "/fn/url"), HttpStatus.NOT_FOUND,
				"FUNCTION_URL_NOT_FOUND");
		assertThat(this.client.revision()).isEqualTo(revision);
		assertThat(this.client.get(teamAUrl).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void deletingTheFunctionRetractsItsUrlsFromStoreAndFeed() {
		created(this.url, Map.of("authType", "NONE"));
		created(this.url + "?qualifier=live", Map.of("authType", "NONE"));

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);

		assertThat(feedUrls()).isEmpty();
	}

	@Test
	void deletingTheFunctionDeletesItsUrls() {
		String urlId = created(this.url, Map.of("authType", "NONE")).get("urlId").asString();

		this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + this.function);
		this.client.createFunction("default", this.function);

		assertProblem(this.client.get(this.url), HttpStatus.NOT_FOUND, "FUNCTION_URL_NOT_FOUND");
		assertThat(created(this.url, Map.of("authType", "NONE")).get("urlId").asString()).isNotEqualTo(urlId);
	}

	private JsonNode created(String path, Map<String, Object> request) {
		ResponseEntity<JsonNode> response = this.client.post(path, request);
		assertThat(response.getStatusCode()).as("create %s: %s", request, response.getBody())
			.isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private List<JsonNode> feedUrls() {
		return feed(this.client, "FUNCTION_URL").stream()
			.filter((resource) -> resource.get("functionName").asString().equals(this.function))
			.toList();
	}

	private FunctionUrlConfig feedOf(String qualifier) {
		JsonNode resource = feedUrls().stream()
			.filter((candidate) -> candidate.get("qualifier").asString().equals(qualifier))
			.findFirst()
			.orElseThrow();
		return (FunctionUrlConfig) JSON.treeToValue(resource, ConfigResource.class);
	}

	private JsonNode urlResource(String urlId) {
		return feedUrls().stream()
			.filter((candidate) -> candidate.get("urlId").asString().equals(urlId))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> cors(String field, Object value) {
		return Map.of("authType", "NONE", "cors", Map.of(field, value));
	}

}
