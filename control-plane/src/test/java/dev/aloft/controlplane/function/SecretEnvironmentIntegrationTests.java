package dev.aloft.controlplane.function;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.aloft.contracts.config.ConfigSnapshot;
import dev.aloft.contracts.config.FunctionVersionConfig;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.secrets.SecretBox;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
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
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.pythonFunction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secret environment variables over HTTP on a real database: the API shows only masks,
 * the database holds only sealed values, the feed carries sealed values that open to the
 * plain ones with the master key (for $LATEST and for published versions), and updates
 * keep, change and remove them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class SecretEnvironmentIntegrationTests {

	private static final String FUNCTIONS = functionsPath("default");

	private static final String PASSWORD = "db-password-7f3a9c01";

	private static final String TOKEN = "api-token-52be11d0";

	private static final String MASK = "********";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecretBox BOX = new SecretBox(ControlPlaneClient.MASTER_KEY);

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	private ControlPlaneClient client;

	private String name;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		this.name = "secret-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void apiShowsOnlyMasksAndFeedCarriesSealedValues() {
		ResponseEntity<JsonNode> created = create(Map.of("STAGE", "prod"), Map.of("DB_PASSWORD", PASSWORD));

		assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode function = created.getBody();
		assertThat(function.get("environment")).isEqualTo(JSON.readTree("{\"STAGE\":\"prod\"}"));
		assertThat(function.get("secretEnvironment")).isEqualTo(JSON.readTree("{\"DB_PASSWORD\":\"" + MASK + "\"}"));
		assertThat(this.client.get(FUNCTIONS + "/{name}", this.name).getBody()).isEqualTo(function);

		FunctionVersionConfig latest = published(FunctionVersionConfig.LATEST);
		assertThat(latest.environment()).containsExactly(Map.entry("STAGE", "prod"));
		assertThat(latest.secretEnvironment()).containsOnlyKeys("DB_PASSWORD");
		assertThat(open("DB_PASSWORD", latest.secretEnvironment().get("DB_PASSWORD"))).isEqualTo(PASSWORD);
		assertNowhereInTheClear(PASSWORD);
	}

	@Test
	void databaseHoldsOnlySealedValues() {
		create(Map.of(), Map.of("DB_PASSWORD", PASSWORD, "API_TOKEN", TOKEN));

		Map<String, String> column = JSON.readValue(JdbcClient.create(this.dataSource)
			.sql("SELECT secret_environment FROM function_definition WHERE namespace = 'default' AND name = :name")
			.param("name", this.name)
			.query(String.class)
			.single(), new TypeReference<Map<String, String>>() {
			});

		assertThat(column).containsOnlyKeys("API_TOKEN", "DB_PASSWORD");
		assertThat(column.values()).allSatisfy((sealed) -> assertThat(sealed).startsWith("v1:"));
		assertThat(open("DB_PASSWORD", column.get("DB_PASSWORD"))).isEqualTo(PASSWORD);
		assertThat(open("API_TOKEN", column.get("API_TOKEN"))).isEqualTo(TOKEN);
		assertNowhereInTheClear(PASSWORD, TOKEN);
	}

	@Test
	void publishedVersionCopiesTheSealedValues() {
		create(Map.of(), Map.of("DB_PASSWORD", PASSWORD));
		String sealed = published(FunctionVersionConfig.LATEST).secretEnvironment().get("DB_PASSWORD");

		ResponseEntity<JsonNode> version = this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of());

		assertThat(version.getStatusCode()).as("%s", version.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(version.getBody().get("secretEnvironment"))
			.isEqualTo(JSON.readTree("{\"DB_PASSWORD\":\"" + MASK + "\"}"));
		String number = version.getBody().get("version").asString();
		assertThat(this.client.get(FUNCTIONS + "/" + this.name + "/versions/" + number).getBody())
			.isEqualTo(version.getBody());
		assertThat(published(number).secretEnvironment()).containsExactly(Map.entry("DB_PASSWORD", sealed));
		assertNowhereInTheClear(PASSWORD);
	}

	@Test
	void updateKeepsChangesAddsAndRemovesSecrets() {
		ResponseEntity<JsonNode> created = create(Map.of(), Map.of("DB_PASSWORD", PASSWORD));
		String sealed = published(FunctionVersionConfig.LATEST).secretEnvironment().get("DB_PASSWORD");

		// Read, edit, write back: the masked value keeps the password; a new one is
		// added.
		JsonNode kept = update(created.getHeaders().getETag(), Map.of("MODE", "fast"),
				Map.of("DB_PASSWORD", MASK, "API_TOKEN", TOKEN));
		assertThat(kept.get("secretEnvironment"))
			.isEqualTo(JSON.readTree("{\"API_TOKEN\":\"" + MASK + "\",\"DB_PASSWORD\":\"" + MASK + "\"}"));
		assertThat(kept.get("revisionId")).isNotEqualTo(created.getBody().get("revisionId"));
		FunctionVersionConfig afterKeep = published(FunctionVersionConfig.LATEST);
		assertThat(afterKeep.secretEnvironment().get("DB_PASSWORD")).isEqualTo(sealed);
		assertThat(open("API_TOKEN", afterKeep.secretEnvironment().get("API_TOKEN"))).isEqualTo(TOKEN);

		// Leaving the set out keeps every secret.
		JsonNode unchanged = update(etag(), Map.of("MODE", "slow"), null);
		assertThat(unchanged.get("secretEnvironment")).isEqualTo(kept.get("secretEnvironment"));
		assertThat(published(FunctionVersionConfig.LATEST).secretEnvironment())
			.isEqualTo(afterKeep.secretEnvironment());

		// A new value replaces, a missing name goes.
		update(etag(), Map.of(), Map.of("DB_PASSWORD", "rotated-password-1"));
		FunctionVersionConfig rotated = published(FunctionVersionConfig.LATEST);
		assertThat(rotated.secretEnvironment()).containsOnlyKeys("DB_PASSWORD");
		assertThat(open("DB_PASSWORD", rotated.secretEnvironment().get("DB_PASSWORD"))).isEqualTo("rotated-password-1");

		// An empty set removes them all.
		JsonNode removed = update(etag(), Map.of(), Map.of());
		assertThat(removed.get("secretEnvironment").isEmpty()).isTrue();
		assertThat(published(FunctionVersionConfig.LATEST).secretEnvironment()).isEmpty();
		assertNowhereInTheClear(PASSWORD, TOKEN, "rotated-password-1");
	}

	@Test
	void rejectsInvalidSecretsAndChangesNothing() {
		long revision = this.client.revision();
		Map<String, String> nullValued = new HashMap<>();
		nullValued.put("DB_PASSWORD", null);

		assertRejected(create(Map.of("DB_PASSWORD", "plain"), Map.of("DB_PASSWORD", PASSWORD)),
				"both a plain and a secret");
		assertRejected(create(Map.of(), Map.of("AWS_SECRET_ACCESS_KEY", PASSWORD)), "reserved");
		assertRejected(create(Map.of(), Map.of("1BAD", PASSWORD)), "must start with a letter");
		assertRejected(create(Map.of(), Map.of("DB_PASSWORD", MASK)), "no value to keep");
		assertRejected(create(Map.of(), nullValued), "no value to keep");
		assertRejected(create(Map.of("PLAIN", "p".repeat(2048)), Map.of("SECRET", "s".repeat(2048))),
				"the limit is 4096");
		assertProblem(this.client.get(FUNCTIONS + "/{name}", this.name), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		assertThat(this.client.revision()).isEqualTo(revision);

		ResponseEntity<JsonNode> created = create(Map.of(), Map.of("DB_PASSWORD", PASSWORD));
		long revisionAfterCreate = this.client.revision();
		String eTag = created.getHeaders().getETag();
		assertRejected(updating(eTag, Map.of(), Map.of("OTHER", MASK)), "no value to keep");
		assertRejected(updating(eTag, Map.of("DB_PASSWORD", "plain"), null), "both a plain and a secret");
		assertRejected(updating(eTag, Map.of("PLAIN", "p".repeat(4090)), null), "the limit is 4096");
		assertThat(this.client.get(FUNCTIONS + "/{name}", this.name).getBody()).isEqualTo(created.getBody());
		assertThat(this.client.revision()).isEqualTo(revisionAfterCreate);
	}

	private static void assertRejected(ResponseEntity<JsonNode> response, String reason) {
		JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(problem.get("detail").asString()).contains(reason).doesNotContain(PASSWORD);
	}

	/**
	 * Asserts that no secret appears in the function's answers, its rows (plain columns
	 * included) or the feed.
	 */
	private void assertNowhereInTheClear(String... secrets) {
		String answer = this.client.rest().get().uri(FUNCTIONS + "/" + this.name).retrieve().body(String.class);
		String list = this.client.rest().get().uri(FUNCTIONS + "?limit=100").retrieve().body(String.class);
		String versions = this.client.rest()
			.get()
			.uri(FUNCTIONS + "/" + this.name + "/versions")
			.retrieve()
			.body(String.class);
		String snapshot = this.client.rest().get().uri("/internal/v1/config/snapshot").retrieve().body(String.class);
		String changes = this.client.rest()
			.get()
			.uri("/internal/v1/config/changes?after={after}", Math.max(0, this.client.revision() - 10))
			.retrieve()
			.body(String.class);
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		List<String> rows = jdbc
			.sql("SELECT CONCAT(environment, secret_environment) FROM function_definition WHERE name = :name")
			.param("name", this.name)
			.query(String.class)
			.list();
		List<String> versionRows = jdbc
			.sql("SELECT CONCAT(v.environment, v.secret_environment) FROM function_version v"
					+ " JOIN function_definition f ON f.id = v.function_id WHERE f.name = :name")
			.param("name", this.name)
			.query(String.class)
			.list();
		for (String secret : secrets) {
			assertThat(List.of(answer, list, versions, snapshot, changes)).noneMatch((text) -> text.contains(secret));
			assertThat(rows).isNotEmpty().noneMatch((row) -> row.contains(secret));
			assertThat(versionRows).noneMatch((row) -> row.contains(secret));
		}
	}

	private ResponseEntity<JsonNode> create(Map<String, String> environment, Map<String, String> secrets) {
		Map<String, Object> request = pythonFunction(this.name);
		request.put("environment", environment);
		request.put("secretEnvironment", secrets);
		return this.client.post(FUNCTIONS, request);
	}

	private JsonNode update(String eTag, Map<String, String> environment, Map<String, String> secrets) {
		ResponseEntity<JsonNode> response = updating(eTag, environment, secrets);
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private ResponseEntity<JsonNode> updating(String eTag, Map<String, String> environment,
			Map<String, String> secrets) {
		Map<String, Object> request = new HashMap<>();
		request.put("runtime", "python3.12");
		request.put("handler", "app.handler");
		request.put("environment", environment);
		if (secrets != null) {
			request.put("secretEnvironment", secrets);
		}
		return this.client.put(FUNCTIONS + "/" + this.name, eTag, request);
	}

	private String etag() {
		return this.client.get(FUNCTIONS + "/{name}", this.name).getHeaders().getETag();
	}

	private FunctionVersionConfig published(String version) {
		ConfigSnapshot snapshot = JSON.treeToValue(this.client.snapshot(), ConfigSnapshot.class);
		String key = FunctionVersionConfig.keyOf("default", this.name, version);
		return snapshot.resources()
			.stream()
			.filter(FunctionVersionConfig.class::isInstance)
			.map(FunctionVersionConfig.class::cast)
			.filter((resource) -> resource.key().equals(key))
			.findFirst()
			.orElseThrow();
	}

	private String open(String variable, String sealed) {
		return BOX.open(sealed, FunctionVersionConfig.secretContext("default", this.name, variable));
	}

}
