package dev.aloft.controlplane.function;

import java.util.Map;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provisioned concurrency through {@code /v1}: validated, published on the feed with the
 * version it runs, moved with its alias, and retracted with its version, alias or
 * function.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class ProvisionedConcurrencyIntegrationTests {

	private static final String FUNCTIONS = "/v1/namespaces/default/functions";

	@LocalServerPort
	int port;

	ControlPlaneClient client;

	String name;

	String function;

	@BeforeEach
	void createFunctionWithTwoVersions() {
		this.client = new ControlPlaneClient(this.port);
		this.name = "pc-" + System.nanoTime();
		this.client.createFunction("default", this.name);
		this.function = FUNCTIONS + "/" + this.name;
		this.client.post(this.function + "/versions", Map.of());
		String eTag = this.client.get(this.function).getHeaders().getETag();
		this.client.putBytes(this.function + "/code", eTag, "application/zip", CodeZips.pythonApp("two"));
		assertThat(this.client.post(this.function + "/versions", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void aVersionIsProvisionedReadListedAndRemoved() {
		ResponseEntity<JsonNode> put = provision("1", 2);

		assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(put.getBody().get("requestedProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
		assertThat(put.getBody().get("allocatedProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
		assertThat(put.getBody().get("status").asString()).isEqualTo("READY");
		JsonNode onFeed = feedResource("default/" + this.name + ":1");
		assertThat(onFeed.get("functionVersion").asString()).isEqualTo("1");
		assertThat(onFeed.get("provisionedConcurrentExecutions").asInt()).isEqualTo(2);

		assertThat(provision("1", 3).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.client.get(this.function + "/provisioned-concurrency/1")
			.getBody()
			.get("requestedProvisionedConcurrentExecutions")
			.asInt()).isEqualTo(3);
		assertThat(this.client.get(this.function + "/provisioned-concurrency").getBody().get("items"))
			.extracting((item) -> item.get("qualifier").asString())
			.containsExactly("1");

		assertThat(this.client.delete(this.function + "/provisioned-concurrency/1").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feedResource("default/" + this.name + ":1")).isNull();
		ResponseEntity<JsonNode> gone = this.client.get(this.function + "/provisioned-concurrency/1");
		assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(gone.getBody().get("code").asString()).isEqualTo("SETTING_NOT_FOUND");
	}

	@Test
	void badRequestsAreRefusedAndChangeNothing() {
		assertThat(provision("$LATEST", 1).getStatusCode()).as("not $LATEST").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(provision("1", 0).getStatusCode()).as("at least 1").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(provision("9", 1).getStatusCode()).as("no such version").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(provision("nosuchalias", 1).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		this.client.post(this.function + "/aliases", Map.of("name", "dev", "functionVersion", "$LATEST"));
		assertThat(provision("dev", 1).getStatusCode()).as("an alias of $LATEST").isEqualTo(HttpStatus.BAD_REQUEST);

		this.client.put(this.function + "/concurrency", null, Map.of("reservedConcurrency", 3));
		assertThat(provision("1", 2).getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<JsonNode> over = provision("2", 2);
		assertThat(over.getStatusCode()).as("2 + 2 > 3 reserved").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(over.getBody().get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(provision("2", 1).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(
				this.client.put(this.function + "/concurrency", null, Map.of("reservedConcurrency", 2)).getStatusCode())
			.as("below the 3 provisioned")
			.isEqualTo(HttpStatus.BAD_REQUEST);

		assertThat(this.client.get(this.function + "/provisioned-concurrency").getBody().get("items"))
			.extracting((item) -> item.get("requestedProvisionedConcurrentExecutions").asInt())
			.containsExactly(2, 1);
	}

	@Test
	void anAliasAndItsVersionCannotBothBeProvisioned() {
		String aliases = this.function + "/aliases";
		ResponseEntity<JsonNode> live = this.client.post(aliases, Map.of("name", "live", "functionVersion", "1"));
		assertThat(provision("live", 2).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(feedResource("default/" + this.name + ":live").get("functionVersion").asString()).isEqualTo("1");

		assertThat(provision("1", 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(provision("2", 1).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.client.put(aliases + "/live", live.getHeaders().getETag(), Map.of("functionVersion", "2"))
			.getStatusCode()).as("version 2 has its own").isEqualTo(HttpStatus.CONFLICT);
		assertThat(this.client.delete(this.function + "/provisioned-concurrency/2").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(this.client.put(aliases + "/live", live.getHeaders().getETag(), Map.of("functionVersion", "2"))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(feedResource("default/" + this.name + ":live").get("functionVersion").asString())
			.as("the configuration moved with its alias")
			.isEqualTo("2");
	}

	@Test
	void deletingAVersionAliasOrFunctionRetractsItsConfiguration() {
		this.client.post(this.function + "/aliases", Map.of("name", "live", "functionVersion", "2"));
		provision("1", 1);
		provision("live", 1);

		assertThat(this.client.delete(this.function + "/versions/1").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feedResource("default/" + this.name + ":1")).isNull();
		assertThat(this.client.delete(this.function + "/aliases/live").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feedResource("default/" + this.name + ":live")).isNull();

		provision("2", 1);
		assertThat(feedResource("default/" + this.name + ":2")).isNotNull();
		assertThat(this.client.delete(this.function).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feedResource("default/" + this.name + ":2")).isNull();
	}

	private ResponseEntity<JsonNode> provision(String qualifier, int executions) {
		return this.client.put(this.function + "/provisioned-concurrency/" + qualifier, null,
				Map.of("provisionedConcurrentExecutions", executions));
	}

	/**
	 * The provisioned concurrency configuration with this key in the feed's snapshot, or
	 * null.
	 */
	private JsonNode feedResource(String key) {
		for (JsonNode resource : this.client.get("/internal/v1/config/snapshot").getBody().get("resources")) {
			if (resource.get("kind").asString().equals("PROVISIONED_CONCURRENCY")
					&& (resource.get("namespace").asString() + "/" + resource.get("functionName").asString() + ":"
							+ resource.get("qualifier").asString())
						.equals(key)) {
				return resource;
			}
		}
		return null;
	}

}
