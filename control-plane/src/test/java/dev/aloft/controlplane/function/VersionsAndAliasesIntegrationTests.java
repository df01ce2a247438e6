package dev.aloft.controlplane.function;

import java.util.ArrayList;
import java.util.List;
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
 * Changing functions with If-Match, publishing versions, pointing aliases, and the
 * invocation settings — through the API and as the feed shows them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class VersionsAndAliasesIntegrationTests {

	private static final String FUNCTIONS = "/v1/namespaces/default/functions";

	@LocalServerPort
	int port;

	ControlPlaneClient client;

	String name;

	@BeforeEach
	void createFunction() {
		this.client = new ControlPlaneClient(this.port);
		this.name = "fn-" + System.nanoTime();
		this.client.createFunction("default", this.name);
	}

	@Test
	void configurationChangesNeedTheCurrentETag() {
		String path = FUNCTIONS + "/" + this.name;
		ResponseEntity<JsonNode> read = this.client.get(path);
		String eTag = read.getHeaders().getETag();
		Map<String, Object> update = Map.of("runtime", "python3.12", "handler", "app.handler", "memoryMb", 256);

		assertThat(this.client.put(path, null, update).getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
		assertThat(this.client.put(path, "\"999\"", update).getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		ResponseEntity<JsonNode> updated = this.client.put(path, eTag, update);

		assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(updated.getBody().get("memoryMb").asInt()).isEqualTo(256);
		assertThat(updated.getHeaders().getETag()).isNotEqualTo(eTag);
		assertThat(updated.getBody().get("revisionId").asString())
			.isNotEqualTo(read.getBody().get("revisionId").asString());
		assertThat(this.client.put(path, eTag, update).getStatusCode()).as("the old ETag is stale now")
			.isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(feedResource("FUNCTION_VERSION", "default/" + this.name + ":$LATEST").get("memoryMb").asInt())
			.isEqualTo(256);
	}

	@Test
	void aConfigurationWhoseHandlerIsNotInTheCodeIsRefused() {
		String path = FUNCTIONS + "/" + this.name;
		String eTag = this.client.get(path).getHeaders().getETag();

		ResponseEntity<JsonNode> response = this.client.put(path, eTag,
				Map.of("runtime", "python3.12", "handler", "missing.handler"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("code").asString()).isEqualTo("INVALID_CODE");
		assertThat(this.client.get(path).getBody().get("handler").asString()).isEqualTo("app.handler");
	}

	@Test
	void codeIsReplacedByARawZipAJsonZipOrAPart() {
		String path = FUNCTIONS + "/" + this.name;
		String sha = this.client.get(path).getBody().get("codeSha256").asString();

		ResponseEntity<JsonNode> raw = this.client.putBytes(path + "/code",
				this.client.get(path).getHeaders().getETag(), "application/zip", CodeZips.pythonApp("raw"));
		assertThat(raw.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(raw.getBody().get("codeSha256").asString()).isNotEqualTo(sha);

		ResponseEntity<JsonNode> json = this.client.put(path + "/code", raw.getHeaders().getETag(),
				Map.of("zipFile", CodeZips.base64(CodeZips.pythonApp("json"))));
		assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.getBody().get("codeSha256").asString())
			.isNotEqualTo(raw.getBody().get("codeSha256").asString());

		assertThat(
				this.client.putBytes(path + "/code", null, "application/zip", CodeZips.pythonApp("x")).getStatusCode())
			.isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
		assertThat(this.client
			.putBytes(path + "/code", json.getHeaders().getETag(), "application/zip", CodeZips.withFiles("README.md"))
			.getStatusCode()).as("the handler must stay in the code").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(feedResource("FUNCTION_VERSION", "default/" + this.name + ":$LATEST").get("codeSha256").asString())
			.isEqualTo(json.getBody().get("codeSha256").asString());
	}

	@Test
	void publishingSnapshotsLatestAndNeverRepeatsANumber() {
		String versions = FUNCTIONS + "/" + this.name + "/versions";
		ResponseEntity<JsonNode> first = this.client.post(versions, Map.of("description", "first"));
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody().get("version").asString()).isEqualTo("1");
		assertThat(first.getHeaders().getLocation().getPath()).endsWith("/versions/1");

		assertThat(this.client.post(versions, Map.of()).getBody().get("version").asString())
			.as("nothing changed: the newest version is the answer")
			.isEqualTo("1");

		replaceCode("two");
		assertThat(this.client.post(versions, Map.of()).getBody().get("version").asString()).isEqualTo("2");
		assertThat(this.client.delete(versions + "/2").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		replaceCode("three");
		assertThat(this.client.post(versions, Map.of()).getBody().get("version").asString()).isEqualTo("3");

		List<String> listed = new ArrayList<>();
		this.client.get(versions).getBody().get("items").forEach((item) -> listed.add(item.get("version").asString()));
		assertThat(listed).containsExactly("1", "3");
		assertThat(this.client.get(versions + "/1").getBody().get("description").asString()).isEqualTo("first");
		assertThat(feedResource("FUNCTION_VERSION", "default/" + this.name + ":1")).isNotNull();
		assertThat(feedResource("FUNCTION_VERSION", "default/" + this.name + ":2")).isNull();
		assertThat(this.client.get(versions + "/2").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void publishingChecksItsPreconditions() {
		String versions = FUNCTIONS + "/" + this.name + "/versions";

		assertThat(this.client.post(versions, Map.of("revisionId", "not-the-current-one")).getStatusCode())
			.isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(this.client.post(versions, Map.of("codeSha256", "0".repeat(64))).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.client.get(versions).getBody().get("items")).isEmpty();
	}

	@Test
	void aliasesPointAtVersionsAndSplitTraffic() {
		String versions = FUNCTIONS + "/" + this.name + "/versions";
		String aliases = FUNCTIONS + "/" + this.name + "/aliases";
		this.client.post(versions, Map.of());
		replaceCode("two");
		this.client.post(versions, Map.of());

		ResponseEntity<JsonNode> live = this.client.post(aliases, Map.of("name", "live", "functionVersion", "1",
				"routingConfig", Map.of("additionalVersion", "2", "additionalVersionWeight", 0.25)));
		assertThat(live.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(live.getBody().get("routingConfig").get("additionalVersionWeight").asDouble()).isEqualTo(0.25);
		JsonNode onFeed = feedResource("ALIAS", "default/" + this.name + ":live");
		assertThat(onFeed.get("functionVersion").asString()).isEqualTo("1");
		assertThat(onFeed.get("additionalVersion").asString()).isEqualTo("2");
		assertThat(onFeed.get("additionalVersionWeight").asDouble()).isEqualTo(0.25);

		assertThat(this.client.post(aliases, Map.of("name", "live", "functionVersion", "1")).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(this.client.delete(versions + "/2").getStatusCode()).as("an alias points at it")
			.isEqualTo(HttpStatus.CONFLICT);

		ResponseEntity<JsonNode> moved = this.client.put(aliases + "/live", live.getHeaders().getETag(),
				Map.of("functionVersion", "2"));
		assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(moved.getBody().has("routingConfig")).isFalse();
		assertThat(this.client.put(aliases + "/live", live.getHeaders().getETag(), Map.of("functionVersion", "1"))
			.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(this.client.delete(versions + "/1").getStatusCode()).as("no alias points at it any more")
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(this.client.delete(aliases + "/live").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feedResource("ALIAS", "default/" + this.name + ":live")).isNull();
	}

	@Test
	void aliasesFollowLambdasRules() {
		String aliases = FUNCTIONS + "/" + this.name + "/aliases";
		this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of());

		assertThat(status(aliases, Map.of("name", "123", "functionVersion", "1"))).as("all digits")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(status(aliases, Map.of("name", "a", "functionVersion", "9"))).as("no such version")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(status(aliases,
				Map.of("name", "a", "functionVersion", "$LATEST", "routingConfig",
						Map.of("additionalVersion", "1", "additionalVersionWeight", 0.5))))
			.as("$LATEST cannot split traffic")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(status(aliases,
				Map.of("name", "a", "functionVersion", "1", "routingConfig",
						Map.of("additionalVersion", "1", "additionalVersionWeight", 0.5))))
			.as("the same version twice")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(status(aliases,
				Map.of("name", "a", "functionVersion", "1", "routingConfig",
						Map.of("additionalVersion", "1", "additionalVersionWeight", 1.5))))
			.as("a weight above 1")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(status(aliases, Map.of("name", "latest", "functionVersion", "$LATEST")))
			.isEqualTo(HttpStatus.CREATED);
		assertThat(this.client.get(aliases).getBody().get("items")).hasSize(1);
	}

	@Test
	void reservedConcurrencyAndAsynchronousSettingsReachTheFeed() {
		String function = FUNCTIONS + "/" + this.name;
		assertThat(this.client.put(function + "/concurrency", null, Map.of("reservedConcurrency", 5)).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(this.client.get(function + "/concurrency").getBody().get("reservedConcurrency").asInt())
			.isEqualTo(5);
		assertThat(feedResource("FUNCTION_CONCURRENCY", "default/" + this.name).get("reservedConcurrency").asInt())
			.isEqualTo(5);
		assertThat(this.client.put(function + "/concurrency", null, Map.of("reservedConcurrency", -1)).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);

		ResponseEntity<JsonNode> settings = this.client.put(function + "/event-invoke-configs/$LATEST", null,
				Map.of("maximumRetryAttempts", 1, "onFailureDestination", "https://hooks.example/failed"));
		assertThat(settings.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(settings.getBody().get("maximumEventAgeSeconds").asInt()).as("Lambda's default").isEqualTo(21600);
		JsonNode onFeed = feedResource("EVENT_INVOKE_CONFIG", "default/" + this.name + ":$LATEST");
		assertThat(onFeed.get("maximumRetryAttempts").asInt()).isEqualTo(1);
		assertThat(onFeed.get("onFailureDestination").asString()).isEqualTo("https://hooks.example/failed");

		String self = "arn:aws:lambda:us-east-1:000000000000:function:" + this.name;
		for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("maximumRetryAttempts", 3),
				Map.of("maximumEventAgeSeconds", 30), Map.of("onSuccessDestination", self),
				Map.of("onSuccessDestination", "arn:aws:lambda:us-east-1:000000000000:function:nobody"),
				Map.of("onSuccessDestination", "ftp://nope"))) {
			assertThat(this.client.put(function + "/event-invoke-configs/$LATEST", null, bad).getStatusCode())
				.as("%s", bad)
				.isEqualTo(HttpStatus.BAD_REQUEST);
		}
		assertThat(this.client.put(function + "/event-invoke-configs/nope", null, Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);

		assertThat(this.client.delete(function).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(feedResource("FUNCTION_CONCURRENCY", "default/" + this.name)).isNull();
		assertThat(feedResource("EVENT_INVOKE_CONFIG", "default/" + this.name + ":$LATEST")).isNull();
		assertThat(feedResource("FUNCTION_VERSION", "default/" + this.name + ":$LATEST")).isNull();
	}

	@Test
	void s3BucketsAreOnFailureDestinationsOnly() {
		String settings = FUNCTIONS + "/" + this.name + "/event-invoke-configs/$LATEST";
		ResponseEntity<JsonNode> accepted = this.client.put(settings, null,
				Map.of("onFailureDestination", "arn:aws:s3:::failed-records"));
		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(accepted.getBody().get("onFailureDestination").asString()).isEqualTo("arn:aws:s3:::failed-records");
		assertThat(feedResource("EVENT_INVOKE_CONFIG", "default/" + this.name + ":$LATEST").get("onFailureDestination")
			.asString()).isEqualTo("arn:aws:s3:::failed-records");

		JsonNode onSuccess = ControlPlaneClient.assertProblem(
				this.client.put(settings, null,
						Map.of("maximumRetryAttempts", 0, "onSuccessDestination", "arn:aws:s3:::succeeded-records")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(onSuccess.get("detail").asString())
			.isEqualTo("S3 buckets are supported only for on-failure destinations.");
		JsonNode malformed = ControlPlaneClient.assertProblem(
				this.client.put(settings, null, Map.of("onFailureDestination", "arn:aws:s3:::Failed_Records")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(malformed.get("detail").asString()).contains("not a valid S3 bucket ARN");

		JsonNode kept = this.client.get(settings).getBody();
		assertThat(kept.get("maximumRetryAttempts").asInt()).as("nothing saved").isEqualTo(2);
		assertThat(kept.has("onSuccessDestination")).isFalse();
		assertThat(kept.get("onFailureDestination").asString()).isEqualTo("arn:aws:s3:::failed-records");
		JsonNode onFeed = feedResource("EVENT_INVOKE_CONFIG", "default/" + this.name + ":$LATEST");
		assertThat(onFeed.get("maximumRetryAttempts").asInt()).isEqualTo(2);
		assertThat(onFeed.get("onFailureDestination").asString()).isEqualTo("arn:aws:s3:::failed-records");
	}

	private HttpStatus status(String path, Map<String, Object> body) {
		return HttpStatus.valueOf(this.client.post(path, body).getStatusCode().value());
	}

	private void replaceCode(String marker) {
		String path = FUNCTIONS + "/" + this.name;
		ResponseEntity<JsonNode> response = this.client.putBytes(path + "/code",
				this.client.get(path).getHeaders().getETag(), "application/zip", CodeZips.pythonApp(marker));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * The resource of a kind and key in the feed's snapshot, or null.
	 */
	private JsonNode feedResource(String kind, String key) {
		for (JsonNode resource : this.client.get("/internal/v1/config/snapshot").getBody().get("resources")) {
			if (!resource.get("kind").asString().equals(kind)) {
				continue;
			}
			String resourceKey = switch (kind) {
				case "FUNCTION_VERSION" -> resource.get("namespace").asString() + "/"
						+ resource.get("functionName").asString() + ":" + resource.get("version").asString();
				case "ALIAS" -> resource.get("namespace").asString() + "/" + resource.get("functionName").asString()
						+ ":" + resource.get("name").asString();
				case "EVENT_INVOKE_CONFIG" -> resource.get("namespace").asString() + "/"
						+ resource.get("functionName").asString() + ":" + resource.get("qualifier").asString();
				default -> resource.get("namespace").asString() + "/" + resource.get("functionName").asString();
			};
			if (resourceKey.equals(key)) {
				return resource;
			}
		}
		return null;
	}

}
