package dev.aloft.controlplane.route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.RouteAuth;
import dev.aloft.contracts.config.RouteConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.secrets.SecretBox;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.routesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes with auth, CORS and async over HTTP on a real database: each auth type, the
 * validation of every field, replacement, and that API keys and HS256 secrets never show
 * in the clear (not in answers, not in the database, not on the feed), while the feed
 * carries their digests and the sealed secret the gateway opens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class RouteAuthIntegrationTests {

	private static final String ROUTES = routesPath("default");

	private static final String TARGET = "route-auth-target";

	private static final String KEY_1 = "key-one-0123456789abcdef";

	private static final String KEY_2 = "key-two-0123456789abcdef";

	private static final String HS256_SECRET = "hs256-secret-of-at-least-32-bytes-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	private ControlPlaneClient client;

	private String base;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		if (this.client.get(ControlPlaneClient.functionsPath("default") + "/" + TARGET)
			.getStatusCode() == HttpStatus.NOT_FOUND) {
			this.client.createFunction("default", TARGET);
		}
		this.base = "/a" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void routeWithoutAuthIsOpenSynchronousAndWithoutCors() {
		JsonNode route = create(route("GET", this.base));

		assertThat(route.get("auth")).isEqualTo(JSON.readTree("{\"type\":\"NONE\"}"));
		assertThat(route.get("async").asBoolean()).isFalse();
		assertThat(route.has("cors")).isFalse();
		assertThat(route.get("updatedAt").asString()).isEqualTo(route.get("createdAt").asString());
		RouteConfig published = published(route);
		assertThat(published.auth()).isEqualTo(RouteAuth.NONE);
		assertThat(published.cors()).isNull();
		assertThat(published.async()).isFalse();
	}

	@Test
	void apiKeyRouteKeepsOnlyDigestsOfItsKeys() throws Exception {
		Map<String, Object> request = route("POST", this.base + "/orders");
		request.put("auth", Map.of("type", "API_KEY", "apiKeys", List.of(KEY_1, KEY_2)));

		ResponseEntity<JsonNode> created = this.client.post(ROUTES, request);

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode route = created.getBody();
		assertThat(route.get("auth")).isEqualTo(JSON.readTree("{\"type\":\"API_KEY\",\"apiKeyCount\":2}"));
		assertThat(this.client.get(ROUTES + "/{id}", id(route)).getBody()).isEqualTo(route);
		assertThat(mine(this.client.get(ROUTES).getBody())).containsExactly(route);
		RouteConfig published = published(route);
		assertThat(published.auth().type()).isEqualTo("API_KEY");
		assertThat(published.auth().apiKeySha256()).containsExactly(sha256(KEY_1), sha256(KEY_2));
		assertThat(published.auth().jwt()).isNull();
		assertNowhereInTheClear(route, KEY_1, KEY_2);
	}

	@Test
	void jwtRouteWithHs256SecretKeepsItSealedForTheRoute() {
		Map<String, Object> request = route("GET", this.base + "/me");
		request.put("auth", Map.of("type", "JWT", "issuer", "https://issuer.example", "audiences",
				List.of("orders", "admin"), "hs256Secret", HS256_SECRET));

		JsonNode route = create(request);

		assertThat(route.get("auth")).isEqualTo(JSON.readTree("{\"type\":\"JWT\",\"issuer\":\"https://issuer.example\","
				+ "\"audiences\":[\"orders\",\"admin\"],\"hs256SecretSet\":true}"));
		RouteAuth.Jwt jwt = published(route).auth().jwt();
		assertThat(jwt).isNotNull();
		assertThat(jwt.issuer()).isEqualTo("https://issuer.example");
		assertThat(jwt.audiences()).containsExactly("orders", "admin");
		assertThat(jwt.jwksUrl()).isNull();
		assertThat(jwt.hs256SecretSealed()).startsWith("v1:");
		SecretBox box = new SecretBox(ControlPlaneClient.MASTER_KEY);
		assertThat(box.open(jwt.hs256SecretSealed(), "route-jwt:" + id(route))).isEqualTo(HS256_SECRET);
		assertNowhereInTheClear(route, HS256_SECRET);
	}

	@Test
	void jwtRouteWithJwksUrl() {
		Map<String, Object> request = route("GET", this.base + "/jwks");
		request.put("auth", Map.of("type", "JWT", "issuer", "https://login.example/", "audiences", List.of("api"),
				"jwksUrl", "https://login.example/.well-known/jwks.json"));

		JsonNode route = create(request);

		assertThat(route.get("auth")).isEqualTo(JSON.readTree("{\"type\":\"JWT\",\"issuer\":\"https://login.example/\","
				+ "\"audiences\":[\"api\"],\"hs256SecretSet\":false,"
				+ "\"jwksUrl\":\"https://login.example/.well-known/jwks.json\"}"));
		RouteAuth.Jwt jwt = published(route).auth().jwt();
		assertThat(jwt.hs256SecretSealed()).isNull();
		assertThat(jwt.jwksUrl()).isEqualTo("https://login.example/.well-known/jwks.json");
	}

	@Test
	void awsIamAsyncRouteWithCors() {
		Map<String, Object> request = route("ANY", this.base + "/events/{proxy+}");
		request.put("auth", Map.of("type", "AWS_IAM"));
		request.put("async", true);
		request.put("cors", Map.of("allowOrigins", List.of("https://app.example"), "allowMethods",
				List.of("get", "post", "GET"), "maxAgeSeconds", 600));

		JsonNode route = create(request);

		assertThat(route.get("auth")).isEqualTo(JSON.readTree("{\"type\":\"AWS_IAM\"}"));
		assertThat(route.get("async").asBoolean()).isTrue();
		assertThat(route.get("cors")).isEqualTo(JSON.readTree("{\"allowCredentials\":false,\"allowHeaders\":[],"
				+ "\"allowMethods\":[\"GET\",\"POST\"],\"allowOrigins\":[\"https://app.example\"],"
				+ "\"exposeHeaders\":[],\"maxAgeSeconds\":600}"));
		RouteConfig published = published(route);
		assertThat(published.auth()).isEqualTo(new RouteAuth("AWS_IAM", List.of(), null));
		assertThat(published.async()).isTrue();
		assertThat(published.cors()).isNotNull();
		assertThat(published.cors().allowMethods()).containsExactly("GET", "POST");
		assertThat(published.cors().maxAgeSeconds()).isEqualTo(600);
	}

	static List<Arguments> invalidRequests() {
		return List.of(Arguments.of(Map.of("type", "API_KEY"), "/auth/apiKeys"),
				Arguments.of(Map.of("type", "API_KEY", "apiKeys", List.of()), "/auth/apiKeys"),
				Arguments.of(Map.of("type", "API_KEY", "apiKeys", List.of("short")), "/auth/apiKeys/0"),
				Arguments.of(Map.of("type", "API_KEY", "apiKeys", List.of(KEY_1, "has a space 0123456789abc")),
						"/auth/apiKeys/1"),
				Arguments.of(Map.of("type", "API_KEY", "apiKeys", List.of(KEY_1, KEY_1)), "/auth/apiKeys/1"),
				Arguments.of(Map.of("type", "API_KEY", "apiKeys", List.of(KEY_1), "hs256Secret", HS256_SECRET),
						"/auth/hs256Secret"),
				Arguments.of(Map.of("type", "NONE", "apiKeys", List.of(KEY_1)), "/auth/apiKeys"),
				Arguments.of(Map.of("type", "AWS_IAM", "issuer", "x"), "/auth/issuer"),
				Arguments.of(Map.of("type", "JWT", "audiences", List.of("a"), "hs256Secret", HS256_SECRET),
						"/auth/issuer"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "hs256Secret", HS256_SECRET), "/auth/audiences"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of(), "hs256Secret", HS256_SECRET),
						"/auth/audiences"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a", "a"), "hs256Secret",
						HS256_SECRET), "/auth/audiences"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a")), "/auth"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a"), "hs256Secret",
						HS256_SECRET, "jwksUrl", "https://login.example/jwks"), "/auth"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a"), "hs256Secret",
						"too-short-secret"), "/auth/hs256Secret"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a"), "jwksUrl",
						"ftp://login.example/jwks"), "/auth/jwksUrl"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a"), "jwksUrl", "/relative"),
						"/auth/jwksUrl"),
				Arguments.of(Map.of("type", "JWT", "issuer", "i", "audiences", List.of("a"), "jwksUrl",
						"https://user:pw@login.example/jwks"), "/auth/jwksUrl"),
				Arguments.of(Map.of("type", "JWT", "issuer", "has space", "audiences", List.of("a"), "jwksUrl",
						"https://login.example/jwks"), "/auth/issuer"));
	}

	@ParameterizedTest
	@MethodSource("invalidRequests")
	void rejectsInvalidAuthAndChangesNothing(Map<String, Object> auth, String pointer) {
		Map<String, Object> request = route("GET", this.base + "/invalid");
		request.put("auth", auth);
		List<JsonNode> before = mine(this.client.get(ROUTES).getBody());
		long revisionBefore = this.client.revision();

		ResponseEntity<JsonNode> response = this.client.post(ROUTES, request);

		JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("pointer").asString()))
			.contains(pointer);
		assertThat(problem.toString()).doesNotContain(KEY_1).doesNotContain(HS256_SECRET);
		assertThat(mine(this.client.get(ROUTES).getBody())).isEqualTo(before);
		assertThat(this.client.revision()).isEqualTo(revisionBefore);
	}

	@Test
	void rejectsUnknownAuthTypeAndInvalidCors() {
		Map<String, Object> unknownType = route("GET", this.base);
		unknownType.put("auth", Map.of("type", "COGNITO"));
		assertProblem(this.client.post(ROUTES, unknownType), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");

		Map<String, Object> noType = route("GET", this.base);
		noType.put("auth", Map.of("apiKeys", List.of(KEY_1)));
		JsonNode problem = assertProblem(this.client.post(ROUTES, noType), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/auth/type");

		Map<String, Object> badCors = route("GET", this.base);
		badCors.put("cors", Map.of("allowMethods", List.of("TRACE"), "maxAgeSeconds", 86401));
		JsonNode corsProblem = assertProblem(this.client.post(ROUTES, badCors), HttpStatus.BAD_REQUEST,
				"VALIDATION_FAILED");
		assertThat(corsProblem.get("errors").valueStream().map((error) -> error.get("pointer").asString()))
			.containsExactlyInAnyOrder("/cors/allowMethods/0", "/cors/maxAgeSeconds");

		Map<String, Object> badAsync = route("GET", this.base);
		badAsync.put("async", "sometimes");
		assertProblem(this.client.post(ROUTES, badAsync), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertThat(mine(this.client.get(ROUTES).getBody())).isEmpty();
	}

	@Test
	void replacesRouteKeepingItsIdentity() {
		Map<String, Object> request = route("GET", this.base + "/v1");
		request.put("auth", Map.of("type", "API_KEY", "apiKeys", List.of(KEY_1)));
		ResponseEntity<JsonNode> created = this.client.post(ROUTES, request);
		String id = id(created.getBody());
		String eTag = created.getHeaders().getETag();

		Map<String, Object> replacement = route("POST", this.base + "/v2/{id}");
		replacement.put("auth",
				Map.of("type", "JWT", "issuer", "iss", "audiences", List.of("aud"), "hs256Secret", HS256_SECRET));
		replacement.put("async", true);
		ResponseEntity<JsonNode> replaced = this.client.put(ROUTES + "/" + id, eTag, replacement);

		assertThat(replaced.getStatusCode()).as("%s", replaced.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(replaced.getHeaders().getETag()).isNotEqualTo(eTag);
		JsonNode route = replaced.getBody();
		assertThat(id(route)).isEqualTo(id);
		assertThat(route.get("method").asString()).isEqualTo("POST");
		assertThat(route.get("path").asString()).isEqualTo(this.base + "/v2/{id}");
		assertThat(route.get("auth").get("type").asString()).isEqualTo("JWT");
		assertThat(route.get("async").asBoolean()).isTrue();
		assertThat(route.get("createdAt")).isEqualTo(created.getBody().get("createdAt"));
		RouteConfig published = published(route);
		assertThat(published.auth().apiKeySha256()).isEmpty();
		assertThat(new SecretBox(ControlPlaneClient.MASTER_KEY).open(published.auth().jwt().hs256SecretSealed(),
				"route-jwt:" + id))
			.isEqualTo(HS256_SECRET);
		assertNowhereInTheClear(route, HS256_SECRET, KEY_1);

		// The old shape is free again.
		create(route("GET", this.base + "/v1"));
	}

	@Test
	void replacementNeedsCurrentETagAndAuthAndChangesNothingOtherwise() {
		ResponseEntity<JsonNode> created = this.client.post(ROUTES, route("GET", this.base + "/r"));
		String id = id(created.getBody());
		String eTag = created.getHeaders().getETag();
		this.client.post(ROUTES, route("GET", this.base + "/taken"));
		long revisionBefore = this.client.revision();
		Map<String, Object> open = route("GET", this.base + "/r2");
		open.put("auth", Map.of("type", "NONE"));

		assertProblem(this.client.put(ROUTES + "/" + id, null, open), HttpStatus.PRECONDITION_REQUIRED,
				"PRECONDITION_REQUIRED");
		assertProblem(this.client.put(ROUTES + "/" + id, "\"999\"", open), HttpStatus.PRECONDITION_FAILED,
				"PRECONDITION_FAILED");
		JsonNode noAuth = assertProblem(this.client.put(ROUTES + "/" + id, eTag, route("GET", this.base + "/r2")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(noAuth.get("errors").get(0).get("pointer").asString()).isEqualTo("/auth");
		Map<String, Object> conflicting = route("GET", this.base + "/taken");
		conflicting.put("auth", Map.of("type", "NONE"));
		assertProblem(this.client.put(ROUTES + "/" + id, eTag, conflicting), HttpStatus.CONFLICT, "ROUTE_CONFLICT");
		assertProblem(this.client.put(ROUTES + "/" + UUID.randomUUID(), eTag, open), HttpStatus.NOT_FOUND,
				"ROUTE_NOT_FOUND");

		assertThat(this.client.get(ROUTES + "/{id}", id).getBody()).isEqualTo(created.getBody());
		assertThat(this.client.revision()).isEqualTo(revisionBefore);
		assertThat(this.client.put(ROUTES + "/" + id, eTag, open).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void routeStoredBeforeAuthExistedReadsAsOpen() {
		JsonNode route = create(route("GET", this.base + "/old"));
		JdbcClient.create(this.dataSource)
			.sql("UPDATE route SET auth = NULL WHERE id = :id")
			.param("id", UUID.fromString(id(route)))
			.update();

		JsonNode read = this.client.get(ROUTES + "/{id}", id(route)).getBody();

		assertThat(read.get("auth")).isEqualTo(JSON.readTree("{\"type\":\"NONE\"}"));
	}

	/**
	 * Asserts that no secret appears in the route's answers, its database row or the
	 * feed, in any form the gateway does not need.
	 */
	private void assertNowhereInTheClear(JsonNode route, String... secrets) {
		String answer = this.client.rest().get().uri(ROUTES + "/" + id(route)).retrieve().body(String.class);
		String list = this.client.rest().get().uri(ROUTES).retrieve().body(String.class);
		String snapshot = this.client.rest().get().uri("/internal/v1/config/snapshot").retrieve().body(String.class);
		String changes = this.client.rest()
			.get()
			.uri("/internal/v1/config/changes?after={after}", Math.max(0, this.client.revision() - 10))
			.retrieve()
			.body(String.class);
		String row = JdbcClient.create(this.dataSource)
			.sql("SELECT CONCAT(auth, '|', cors) FROM route WHERE id = :id")
			.param("id", UUID.fromString(id(route)))
			.query(String.class)
			.single();
		for (String secret : secrets) {
			assertThat(answer).doesNotContain(secret);
			assertThat(list).doesNotContain(secret);
			assertThat(snapshot).doesNotContain(secret);
			assertThat(changes).doesNotContain(secret);
			assertThat(row).doesNotContain(secret);
		}
	}

	private RouteConfig published(JsonNode route) {
		ConfigSnapshot snapshot = JSON.treeToValue(this.client.snapshot(), ConfigSnapshot.class);
		return snapshot.resources()
			.stream()
			.filter(RouteConfig.class::isInstance)
			.map(RouteConfig.class::cast)
			.filter((config) -> config.id().equals(id(route)))
			.findFirst()
			.orElseThrow();
	}

	private JsonNode create(Map<String, Object> request) {
		ResponseEntity<JsonNode> response = this.client.post(ROUTES, request);
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private List<JsonNode> mine(JsonNode page) {
		return page.get("items")
			.valueStream()
			.filter((route) -> route.get("path").asString().startsWith(this.base))
			.toList();
	}

	private static Map<String, Object> route(String method, String path) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("method", method);
		request.put("path", path);
		request.put("function", TARGET);
		return request;
	}

	private static String id(JsonNode route) {
		return route.get("id").asString();
	}

	private static String sha256(String key) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
	}

}
