package dev.aloft.controlplane.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.RevisionLock;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.routesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes API over HTTP on a real database: create, read, list, delete, conflicts
 * between routes that would match the same requests, and invalid routes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class RouteApiIntegrationTests {

	private static final String ROUTES = routesPath("default");

	private static final String TARGET = "route-target";

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	private ControlPlaneClient client;

	/** A path prefix of this test's own, since routes share one path space. */
	private String base;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		if (this.client.get(ControlPlaneClient.functionsPath("default") + "/" + TARGET)
			.getStatusCode() == HttpStatus.NOT_FOUND) {
			this.client.createFunction("default", TARGET);
		}
		this.base = "/t" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void createsRoute() {
		ResponseEntity<JsonNode> response = this.client.post(ROUTES,
				Map.of("method", "GET", "path", this.base + "/hello/{name}", "function", TARGET));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode route = response.getBody();
		String id = route.get("id").asString();
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(response.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + "/v1/namespaces/default/routes/" + id);
		assertThat(response.getHeaders().getETag()).matches("\"\\d+\"");
		assertThat(route.get("namespace").asString()).isEqualTo("default");
		assertThat(route.get("method").asString()).isEqualTo("GET");
		assertThat(route.get("path").asString()).isEqualTo(this.base + "/hello/{name}");
		assertThat(route.get("function").asString()).isEqualTo(TARGET);
		assertThat(route.get("qualifier").asString()).isEqualTo("$LATEST");
		assertThat(Instant.parse(route.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(5));

		ResponseEntity<JsonNode> read = this.client.get(ROUTES + "/{id}", id);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getBody()).isEqualTo(route);
		assertThat(read.getHeaders().getETag()).isEqualTo(response.getHeaders().getETag());
		assertThat(routeIds()).contains(id);
	}

	@Test
	void createsRouteToQualifier() {
		ResponseEntity<JsonNode> response = this.client.post(ROUTES,
				Map.of("method", "POST", "path", this.base, "function", TARGET, "qualifier", "live"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().get("qualifier").asString()).isEqualTo("live");
	}

	@Test
	void rejectsRouteWithSameMethodAndShape() {
		this.client.createRoute("default", "GET", this.base + "/items/{id}", TARGET);
		List<String> routesBefore = routeIds();
		long revisionBefore = this.client.revision();

		ResponseEntity<JsonNode> response = this.client.post(ROUTES,
				Map.of("method", "GET", "path", this.base + "/items/{itemId}", "function", TARGET));

		JsonNode problem = assertProblem(response, HttpStatus.CONFLICT, "ROUTE_CONFLICT");
		assertThat(problem.get("detail").asString()).contains("GET").contains(this.base + "/items/{}");
		assertThat(routeIds()).isEqualTo(routesBefore);
		assertThat(this.client.revision()).isEqualTo(revisionBefore);
		assertProblem(
				this.client.post(ROUTES,
						Map.of("method", "GET", "path", this.base + "/items/{id}", "function", TARGET)),
				HttpStatus.CONFLICT, "ROUTE_CONFLICT");
	}

	@Test
	void allowsAnyAndSpecificMethodsOnTheSamePath() {
		this.client.createRoute("default", "ANY", this.base + "/things/{id}", TARGET);
		this.client.createRoute("default", "GET", this.base + "/things/{id}", TARGET);
		this.client.createRoute("default", "DELETE", this.base + "/things/{thingId}", TARGET);

		assertProblem(
				this.client.post(ROUTES,
						Map.of("method", "ANY", "path", this.base + "/things/{other}", "function", TARGET)),
				HttpStatus.CONFLICT, "ROUTE_CONFLICT");
	}

	@Test
	void allowsRoutesOfDifferentShapes() {
		this.client.createRoute("default", "GET", this.base + "/files/{name}", TARGET);
		this.client.createRoute("default", "GET", this.base + "/files/{path+}", TARGET);
		this.client.createRoute("default", "GET", this.base + "/files/latest", TARGET);
		this.client.createRoute("default", "GET", this.base + "/files", TARGET);
	}

	@Test
	void concurrentCreatesOfOneShapeMakeOneRoute() throws Exception {
		int requests = 3;
		List<CompletableFuture<ResponseEntity<JsonNode>>> creates = new ArrayList<>();
		try (RevisionLock lock = RevisionLock.hold(this.dataSource)) {
			for (int i = 0; i < requests; i++) {
				Map<String, String> request = Map.of("method", "GET", "path", this.base + "/{p" + i + "}", "function",
						TARGET);
				creates.add(CompletableFuture.supplyAsync(() -> this.client.post(ROUTES, request)));
			}
			lock.awaitWaiting(requests);
		}

		List<ResponseEntity<JsonNode>> responses = creates.stream().map(CompletableFuture::join).toList();
		assertThat(responses).filteredOn((response) -> response.getStatusCode() == HttpStatus.CREATED).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.getStatusCode() != HttpStatus.CREATED)
			.allSatisfy((response) -> assertProblem(response, HttpStatus.CONFLICT, "ROUTE_CONFLICT"));
	}

	@Test
	void rejectsRouteToMissingFunction() {
		List<String> routesBefore = routeIds();
		long revisionBefore = this.client.revision();

		ResponseEntity<JsonNode> response = this.client.post(ROUTES,
				Map.of("method", "GET", "path", this.base, "function", "no-such-function"));

		assertProblem(response, HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertThat(routeIds()).isEqualTo(routesBefore);
		assertThat(this.client.revision()).isEqualTo(revisionBefore);
	}

	@Test
	void rejectsRouteInMissingNamespace() {
		ResponseEntity<JsonNode> response = this.client.post(routesPath("no-such-namespace"),
				Map.of("method", "GET", "path", this.base, "function", TARGET));

		assertProblem(response, HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
		assertProblem(this.client.get(routesPath("no-such-namespace")), HttpStatus.NOT_FOUND, "NAMESPACE_NOT_FOUND");
	}

	@ParameterizedTest
	@ValueSource(strings = { "no-slash", "/a//b", "/a/", "//", "/{proxy+}/x", "/{a}/{a}", "/a b", "/a/{b-c}", "/a{b}" })
	void rejectsInvalidTemplate(String template) {
		String path = template.startsWith("/") ? this.base + template : template;
		List<String> routesBefore = routeIds();

		ResponseEntity<JsonNode> response = this.client.post(ROUTES,
				Map.of("method", "GET", "path", path, "function", TARGET));

		JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(problem.get("detail").asString()).contains(path);
		assertThat(routeIds()).isEqualTo(routesBefore);
	}

	@Test
	void rejectsInvalidRequestFields() {
		List<String> routesBefore = routeIds();

		assertProblem(this.client.post(ROUTES, Map.of("method", "get", "path", this.base, "function", TARGET)),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.post(ROUTES, Map.of("method", "FETCH", "path", this.base, "function", TARGET)),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.post(ROUTES, Map.of("method", "GET", "path", "", "function", TARGET)),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.post(ROUTES, Map.of("method", "GET", "path", this.base, "function", "bad name")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(
				this.client.post(ROUTES,
						Map.of("method", "GET", "path", this.base, "function", TARGET, "qualifier", "has space")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(
				this.client.post(ROUTES,
						Map.of("method", "GET", "path", this.base, "function", TARGET, "qualifier", "")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		JsonNode unknown = assertProblem(
				this.client.post(ROUTES, Map.of("method", "GET", "path", this.base, "function", TARGET, "target", "x")),
				HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertThat(unknown.get("errors").get(0).get("pointer").asString()).isEqualTo("/target");
		assertThat(routeIds()).isEqualTo(routesBefore);
	}

	@Test
	void reportsValidationErrorsWithPointers() {
		JsonNode problem = assertProblem(
				this.client.post(ROUTES, Map.of("method", "get", "path", this.base, "function", TARGET)),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

		assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/method");
		assertThat(problem.get("errors").get(0).get("detail").asString()).isNotBlank();
	}

	@Test
	void deletesRoute() {
		String id = this.client.createRoute("default", "PUT", this.base + "/{id}", TARGET).get("id").asString();

		ResponseEntity<JsonNode> deleted = this.client.delete(ROUTES + "/{id}", id);

		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(this.client.get(ROUTES + "/{id}", id), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
		assertProblem(this.client.delete(ROUTES + "/{id}", id), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
		assertThat(routeIds()).doesNotContain(id);
		this.client.createRoute("default", "PUT", this.base + "/{other}", TARGET);
	}

	@Test
	void deletingFunctionDeletesItsRoutesAndRetractsThem() {
		String doomed = "doomed-" + UUID.randomUUID().toString().substring(0, 8);
		this.client.createFunction("default", doomed);
		String first = this.client.createRoute("default", "GET", this.base + "/a", doomed).get("id").asString();
		String second = this.client.createRoute("default", "POST", this.base + "/b/{id}", doomed).get("id").asString();
		String kept = this.client.createRoute("default", "GET", this.base + "/kept", TARGET).get("id").asString();
		assertThat(TriggerTestSupport.feedResource(this.client, "ROUTE", "id", first)).isPresent();

		assertThat(this.client.delete(ControlPlaneClient.functionsPath("default") + "/" + doomed).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertProblem(this.client.get(ROUTES + "/{id}", first), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
		assertProblem(this.client.get(ROUTES + "/{id}", second), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
		assertThat(routeIds()).doesNotContain(first, second).contains(kept);
		assertThat(TriggerTestSupport.feedResource(this.client, "ROUTE", "id", first)).isEmpty();
		assertThat(TriggerTestSupport.feedResource(this.client, "ROUTE", "id", second)).isEmpty();
		assertThat(TriggerTestSupport.feedResource(this.client, "ROUTE", "id", kept)).isPresent();
		// The path is free again, and a new function of the same name starts with no
		// routes.
		this.client.createFunction("default", doomed);
		assertThat(routeIds()).doesNotContain(first, second);
		this.client.createRoute("default", "GET", this.base + "/a", doomed);
	}

	@Test
	void reportsMalformedRouteId() {
		assertProblem(this.client.get(ROUTES + "/not-a-uuid"), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");
		assertProblem(this.client.get(ROUTES + "/{id}", UUID.randomUUID()), HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND");
	}

	@Test
	void listsRoutesByPathThenMethod() {
		this.client.createRoute("default", "POST", this.base + "/b", TARGET);
		this.client.createRoute("default", "GET", this.base + "/b", TARGET);
		this.client.createRoute("default", "GET", this.base + "/a", TARGET);

		List<String> mine = this.client.get(ROUTES)
			.getBody()
			.get("items")
			.valueStream()
			.filter((route) -> route.get("path").asString().startsWith(this.base))
			.map((route) -> route.get("method").asString() + " " + route.get("path").asString())
			.toList();

		assertThat(mine).containsExactly("GET " + this.base + "/a", "GET " + this.base + "/b",
				"POST " + this.base + "/b");
	}

	private List<String> routeIds() {
		ResponseEntity<JsonNode> list = this.client.get(ROUTES);
		assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
		return list.getBody().get("items").valueStream().map((route) -> route.get("id").asString()).toList();
	}

}
