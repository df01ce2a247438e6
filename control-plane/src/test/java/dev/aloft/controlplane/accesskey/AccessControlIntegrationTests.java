package dev.aloft.controlplane.accesskey;

import java.util.Map;

import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint needs credentials; roles decide what a key may do in each namespace; one
 * namespace's keys never see or change another's resources.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class AccessControlIntegrationTests {

	@LocalServerPort
	int port;

	ControlPlaneClient admin;

	String teamA;

	String teamB;

	@BeforeEach
	void namespaces() {
		this.admin = new ControlPlaneClient(this.port);
		this.teamA = "team-a-" + System.nanoTime();
		this.teamB = "team-b-" + System.nanoTime();
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", this.teamA)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", this.teamB)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void requestsWithoutValidCredentialsAreRefused() {
		for (String credentials : new String[] { null, "nonsense", "AKIATESTADMIN00001:wrong",
				"AKIAUNKNOWN0000000:" + ControlPlaneClient.ADMIN_SECRET }) {
			ResponseEntity<JsonNode> response = new ControlPlaneClient(this.port, credentials)
				.get("/v1/namespaces/default/functions");
			assertThat(response.getStatusCode()).as("credentials %s", credentials).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
			assertThat(response.getBody().get("code").asString()).isEqualTo("UNAUTHENTICATED");
		}
		assertThat(this.admin.rest()
			.get()
			.uri("/internal/v1/config/snapshot")
			.headers((headers) -> headers
				.setBearerAuth(ControlPlaneClient.ADMIN_ACCESS_KEY_ID + ":" + ControlPlaneClient.ADMIN_SECRET))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).as("an access key is not the internal token").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(new ControlPlaneClient(this.port, null).get("/actuator/health/readiness").getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void aNewKeyIsShownOnceAndSeesNothingUntilGivenARole(CapturedOutput output) {
		ResponseEntity<JsonNode> created = this.admin.post("/v1/access-keys", Map.of("description", "ci"));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = created.getBody().get("accessKeyId").asString();
		String secret = created.getBody().get("secretAccessKey").asString();
		assertThat(id).matches("AKIA[A-Z2-7]{16}");
		assertThat(secret).hasSize(40);
		assertThat(this.admin.get("/v1/access-keys").getBody().toString()).contains(id).doesNotContain(secret);

		ControlPlaneClient key = new ControlPlaneClient(this.port, id + ":" + secret);
		assertThat(key.get("/v1/namespaces").getBody().get("items")).isEmpty();
		assertThat(key.get("/v1/namespaces/" + this.teamA + "/functions").getStatusCode())
			.as("a namespace the key has no role in looks missing")
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(output.getAll()).doesNotContain(secret).doesNotContain(ControlPlaneClient.ADMIN_SECRET);
	}

	@Test
	void rolesDecideWhatAKeyMayDoInANamespace() {
		ControlPlaneClient viewer = keyWithRole(this.teamA, "VIEWER");
		ControlPlaneClient developer = keyWithRole(this.teamA, "DEVELOPER");
		ControlPlaneClient invoker = keyWithRole(this.teamA, "INVOKER");
		String functions = ControlPlaneClient.functionsPath(this.teamA);

		assertThat(developer.post(functions, ControlPlaneClient.pythonFunction("fn")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(viewer.get(functions + "/fn").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(viewer.post(functions, ControlPlaneClient.pythonFunction("other")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(viewer.delete(functions + "/fn").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(invoker.get(functions + "/fn").getStatusCode()).as("invokers only invoke")
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(developer.get("/v1/namespaces/" + this.teamA + "/role-bindings").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(developer.post("/v1/access-keys", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(developer.post("/v1/namespaces", Map.of("name", "mine")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(developer.get("/v1/namespaces").getBody().get("items")).hasSize(1);
		assertThat(this.admin.functionNames(this.teamA)).containsExactly("fn");
	}

	@Test
	void oneNamespacesKeysNeverSeeOrChangeAnothersResources() {
		ControlPlaneClient teamAKey = keyWithRole(this.teamA, "ADMIN");
		ControlPlaneClient teamBKey = keyWithRole(this.teamB, "ADMIN");
		String teamAFunctions = ControlPlaneClient.functionsPath(this.teamA);
		assertThat(teamAKey.post(teamAFunctions, ControlPlaneClient.pythonFunction("secret-fn")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		assertThat(teamBKey.get(teamAFunctions).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(teamBKey.get(teamAFunctions + "/secret-fn").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(teamBKey.delete(teamAFunctions + "/secret-fn").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(teamBKey.post(teamAFunctions, ControlPlaneClient.pythonFunction("intruder")).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(teamBKey
			.put("/v1/namespaces/" + this.teamA + "/role-bindings/AKIATESTADMIN00001", null, Map.of("role", "VIEWER"))
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.admin.functionNames(this.teamA)).containsExactly("secret-fn");
	}

	@Test
	void namespacesAreDeletedOnlyWhenEmpty() {
		this.admin.createFunction(this.teamB, "fn");

		assertThat(this.admin.delete("/v1/namespaces/" + this.teamB).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(this.admin.delete(ControlPlaneClient.functionsPath(this.teamB) + "/fn").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.admin.delete("/v1/namespaces/" + this.teamB).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", this.teamA)).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", "Bad_Name")).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.admin.post("/v1/namespaces", Map.of()).getStatusCode()).as("a namespace needs a name")
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void theFeedCarriesNamespacesAndKeysButNeverASecretInTheClear() {
		JsonNode created = this.admin.post("/v1/access-keys", Map.of()).getBody();
		String id = created.get("accessKeyId").asString();
		String secret = created.get("secretAccessKey").asString();
		this.admin.put("/v1/namespaces/" + this.teamA + "/role-bindings/" + id, null, Map.of("role", "INVOKER"));

		JsonNode snapshot = this.admin.get("/internal/v1/config/snapshot").getBody();
		JsonNode key = resource(snapshot, "ACCESS_KEY", "accessKeyId", id);
		assertThat(key.get("roles").get(this.teamA).asString()).isEqualTo("INVOKER");
		assertThat(key.get("secretSealed").asString()).startsWith("v1:").doesNotContain(secret);
		assertThat(snapshot.toString()).doesNotContain(secret).doesNotContain(ControlPlaneClient.ADMIN_SECRET);
		assertThat(resource(snapshot, "NAMESPACE", "name", "default").get("accountId").asString())
			.isEqualTo("000000000000");
		assertThat(resource(snapshot, "NAMESPACE", "name", this.teamA).get("accountId").asString()).matches("\\d{12}")
			.isNotEqualTo("000000000000");

		this.admin.delete("/v1/access-keys/" + id);
		assertThat(this.admin.get("/internal/v1/config/snapshot").getBody().toString()).doesNotContain(id);
	}

	private static JsonNode resource(JsonNode snapshot, String kind, String field, String value) {
		for (JsonNode resource : snapshot.get("resources")) {
			if (resource.get("kind").asString().equals(kind) && resource.get(field).asString().equals(value)) {
				return resource;
			}
		}
		throw new AssertionError("No " + kind + " with " + field + "=" + value + " on the feed");
	}

	private ControlPlaneClient keyWithRole(String namespace, String role) {
		JsonNode key = this.admin.post("/v1/access-keys", Map.of()).getBody();
		String id = key.get("accessKeyId").asString();
		assertThat(this.admin.put("/v1/namespaces/" + namespace + "/role-bindings/" + id, null, Map.of("role", role))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new ControlPlaneClient(this.port, id + ":" + key.get("secretAccessKey").asString());
	}

}
