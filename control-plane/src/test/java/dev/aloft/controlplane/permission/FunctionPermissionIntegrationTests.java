package dev.aloft.controlplane.permission;

import java.util.List;
import java.util.Map;

import dev.aloft.contracts.config.ConfigResource;
import dev.aloft.contracts.config.FunctionPermissionConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/namespaces/{ns}/functions/{name}/permissions}: statements that let one key
 * invoke one function, stored, published on the feed, refused when wrong (changing
 * nothing), changeable only by developers and admins, and gone with their function or
 * their key.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class FunctionPermissionIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private ControlPlaneClient admin;

	private String namespace;

	private String function;

	private String permissions;

	private String invoker;

	@BeforeEach
	void setUp() {
		this.admin = new ControlPlaneClient(this.port);
		this.namespace = unique("perm");
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", this.namespace)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		this.function = unique("fn");
		TriggerTestSupport.createFunctionWithAlias(this.admin, this.namespace, this.function);
		this.permissions = ControlPlaneClient.functionsPath(this.namespace) + "/" + this.function + "/permissions";
		this.invoker = newKey().get("accessKeyId").asString();
	}

	@Test
	void grantsListsPublishesAndRevokes() {
		ResponseEntity<JsonNode> added = this.admin.put(this.permissions + "/live-only", null,
				Map.of("accessKeyId", this.invoker, "qualifier", "live"));

		assertThat(added.getStatusCode()).as("%s", added.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(added.getHeaders().getLocation())
			.hasToString("http://localhost:" + this.port + this.permissions + "/live-only");
		assertThat(added.getBody().get("statementId").asString()).isEqualTo("live-only");
		assertThat(added.getBody().get("accessKeyId").asString()).isEqualTo(this.invoker);
		assertThat(added.getBody().get("qualifier").asString()).isEqualTo("live");
		assertThat(this.admin
			.put(this.permissions + "/live-only", null, Map.of("accessKeyId", this.invoker, "qualifier", "live"))
			.getStatusCode()).as("the same statement again changes nothing").isEqualTo(HttpStatus.OK);
		assertThat(this.admin.put(this.permissions + "/any", null, Map.of("accessKeyId", this.invoker)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		JsonNode listed = this.admin.get(this.permissions).getBody();
		assertThat(listed.get("items").valueStream().map((item) -> item.get("statementId").asString()))
			.containsExactly("any", "live-only");
		assertThat(listed.get("items").get(0).has("qualifier")).isFalse();
		assertThat(feed()).containsExactlyInAnyOrder(
				new FunctionPermissionConfig(this.namespace, this.function, "any", this.invoker, null),
				new FunctionPermissionConfig(this.namespace, this.function, "live-only", this.invoker, "live"));

		assertThat(this.admin.delete(this.permissions + "/live-only").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertProblem(this.admin.delete(this.permissions + "/live-only"), HttpStatus.NOT_FOUND, "PERMISSION_NOT_FOUND");
		assertThat(feed())
			.containsExactly(new FunctionPermissionConfig(this.namespace, this.function, "any", this.invoker, null));
	}

	@Test
	void badInputIsRefusedAndChangesNothing() {
		String other = newKey().get("accessKeyId").asString();
		assertThat(
				this.admin.put(this.permissions + "/taken", null, Map.of("accessKeyId", this.invoker)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		long revision = this.admin.revision();

		assertProblem(this.admin.put(this.permissions + "/taken", null, Map.of("accessKeyId", other)),
				HttpStatus.CONFLICT, "PERMISSION_EXISTS");
		assertProblem(this.admin.put(this.permissions + "/nokey", null, Map.of("accessKeyId", "AKIANOSUCHKEY000")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(
				this.admin.put(this.permissions + "/noalias", null, Map.of("accessKeyId", other, "qualifier", "gone")),
				HttpStatus.NOT_FOUND, "ALIAS_NOT_FOUND");
		assertProblem(
				this.admin.put(this.permissions + "/noversion", null, Map.of("accessKeyId", other, "qualifier", "42")),
				HttpStatus.NOT_FOUND, "VERSION_NOT_FOUND");
		assertProblem(this.admin.put(this.permissions + "/bad", null, Map.of("accessKeyId", other, "qualifier", "a b")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.admin.put(this.permissions + "/bad", null, Map.of("qualifier", "live")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.admin.put(this.permissions + "/a:b", null, Map.of("accessKeyId", other)),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.admin.put(ControlPlaneClient.functionsPath(this.namespace) + "/nosuchfn/permissions/s", null,
				Map.of("accessKeyId", other)), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");

		assertThat(this.admin.revision()).isEqualTo(revision);
		assertThat(this.admin.get(this.permissions)
			.getBody()
			.get("items")
			.valueStream()
			.map((item) -> item.get("statementId").asString())).containsExactly("taken");
	}

	@Test
	void onlyDevelopersAndAdminsOfTheNamespaceGrant() {
		ControlPlaneClient developer = clientWithRole(this.namespace, "DEVELOPER");
		ControlPlaneClient viewer = clientWithRole(this.namespace, "VIEWER");
		ControlPlaneClient invokerRole = clientWithRole(this.namespace, "INVOKER");
		String elsewhere = unique("other");
		assertThat(this.admin.post("/v1/namespaces", Map.of("name", elsewhere)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		ControlPlaneClient otherAdmin = clientWithRole(elsewhere, "ADMIN");
		Map<String, Object> grant = Map.of("accessKeyId", this.invoker);

		assertProblem(viewer.put(this.permissions + "/v", null, grant), HttpStatus.FORBIDDEN, "FORBIDDEN");
		assertProblem(invokerRole.put(this.permissions + "/i", null, grant), HttpStatus.FORBIDDEN, "FORBIDDEN");
		assertProblem(otherAdmin.put(this.permissions + "/o", null, grant), HttpStatus.NOT_FOUND,
				"NAMESPACE_NOT_FOUND");
		assertThat(viewer.get(this.permissions).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(developer.put(this.permissions + "/d", null, grant).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertProblem(viewer.delete(this.permissions + "/d"), HttpStatus.FORBIDDEN, "FORBIDDEN");
		assertThat(feed()).extracting(FunctionPermissionConfig::statementId).containsExactly("d");
	}

	@Test
	void deletingTheFunctionDeletesItsGrants() {
		assertThat(this.admin.put(this.permissions + "/any", null, Map.of("accessKeyId", this.invoker)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(feed()).hasSize(1);

		assertThat(this.admin.delete(ControlPlaneClient.functionsPath(this.namespace) + "/" + this.function)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feed()).isEmpty();

		this.admin.createFunction(this.namespace, this.function);
		assertThat(this.admin.get(this.permissions).getBody().get("items").isEmpty()).isTrue();
	}

	@Test
	void deletingTheKeyDeletesItsGrants() {
		String other = newKey().get("accessKeyId").asString();
		assertThat(
				this.admin.put(this.permissions + "/gone", null, Map.of("accessKeyId", this.invoker)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(this.admin.put(this.permissions + "/kept", null, Map.of("accessKeyId", other)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		assertThat(this.admin.delete("/v1/access-keys/" + this.invoker).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(feed()).extracting(FunctionPermissionConfig::statementId).containsExactly("kept");
		assertThat(this.admin.get(this.permissions)
			.getBody()
			.get("items")
			.valueStream()
			.map((item) -> item.get("statementId").asString())).containsExactly("kept");
	}

	private List<FunctionPermissionConfig> feed() {
		return TriggerTestSupport.feed(this.admin, "FUNCTION_PERMISSION")
			.stream()
			.map((resource) -> (FunctionPermissionConfig) JSON.treeToValue(resource, ConfigResource.class))
			.filter((permission) -> permission.namespace().equals(this.namespace))
			.toList();
	}

	private JsonNode newKey() {
		ResponseEntity<JsonNode> key = this.admin.post("/v1/access-keys", Map.of());
		assertThat(key.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return key.getBody();
	}

	private ControlPlaneClient clientWithRole(String namespace, String role) {
		JsonNode key = newKey();
		String id = key.get("accessKeyId").asString();
		assertThat(this.admin.put("/v1/namespaces/" + namespace + "/role-bindings/" + id, null, Map.of("role", role))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new ControlPlaneClient(this.port, id + ":" + key.get("secretAccessKey").asString());
	}

	private static String unique(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36);
	}

}
