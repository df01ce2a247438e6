package dev.aloft.controlplane.function;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.TriggerTestSupport;
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

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions that run a container image over the {@code /v1} API on a real database:
 * created with {@code code.imageUri} and an image configuration, shown, published and put
 * on the feed with them, their image replaced; malformed references and requests that mix
 * zips and images refused, changing nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class ContainerImageFunctionsIntegrationTests {

	private static final String FUNCTIONS = functionsPath("default");

	private static final String IMAGE = "registry.example:5000/team/greeter:1.4";

	private static final String DIGEST = "0123456789abcdef".repeat(4);

	@LocalServerPort
	private int port;

	private ControlPlaneClient client;

	private String name;

	@BeforeEach
	void setUp() {
		this.client = new ControlPlaneClient(this.port);
		this.name = TriggerTestSupport.uniqueName("image");
	}

	@Test
	void createsImageFunctionAndPublishesItOnTheFeed() {
		Map<String, Object> request = imageFunction(this.name, IMAGE);
		request.put("imageConfig", Map.of("entryPoint", List.of("/app/run"), "command", List.of("greet", "--loud"),
				"workingDirectory", "/app"));
		request.put("memoryMb", 256);

		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, request);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode function = response.getBody();
		assertThat(function.get("packageType").asString()).isEqualTo("Image");
		assertThat(function.get("imageUri").asString()).isEqualTo(IMAGE);
		assertThat(function.get("runtime").isNull()).isTrue();
		assertThat(function.get("handler").isNull()).isTrue();
		assertThat(function.get("codeSizeBytes").asLong()).isZero();
		assertThat(function.get("codeSha256").asString()).matches("[0-9a-f]{64}");
		assertThat(function.get("imageConfig").get("entryPoint").get(0).asString()).isEqualTo("/app/run");
		assertThat(function.get("imageConfig").get("workingDirectory").asString()).isEqualTo("/app");
		assertThat(this.client.get(FUNCTIONS + "/" + this.name).getBody()).isEqualTo(function);

		JsonNode latest = feedVersion("$LATEST").orElseThrow();
		assertThat(latest.get("packageType").asString()).isEqualTo("Image");
		assertThat(latest.get("imageUri").asString()).isEqualTo(IMAGE);
		assertThat(latest.get("runtime").asString()).isEmpty();
		assertThat(latest.get("memoryMb").asInt()).isEqualTo(256);
		assertThat(latest.get("imageConfig").get("command").get(1).asString()).isEqualTo("--loud");
		assertThat(latest.get("imageConfig").get("workingDirectory").asString()).isEqualTo("/app");

		ResponseEntity<JsonNode> published = this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of());
		assertThat(published.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(published.getBody().get("packageType").asString()).isEqualTo("Image");
		assertThat(published.getBody().get("imageUri").asString()).isEqualTo(IMAGE);
		assertThat(published.getBody().get("imageConfig").get("entryPoint").get(0).asString()).isEqualTo("/app/run");
		JsonNode version = feedVersion("1").orElseThrow();
		assertThat(version.get("imageUri").asString()).isEqualTo(IMAGE);
		assertThat(version.get("imageConfig")).isEqualTo(latest.get("imageConfig"));
		// Unchanged, publishing again gives the same version.
		assertThat(this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of())
			.getBody()
			.get("version")
			.asString()).isEqualTo("1");
	}

	@Test
	void replacesImageAndImageConfig() {
		String etag = create(imageFunction(this.name, IMAGE)).getHeaders().getETag();
		String pinned = "registry.example/team/greeter@sha256:" + DIGEST;

		ResponseEntity<JsonNode> replaced = this.client.put(FUNCTIONS + "/" + this.name + "/code", etag,
				Map.of("imageUri", pinned));

		assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(replaced.getBody().get("imageUri").asString()).isEqualTo(pinned);
		assertThat(replaced.getBody().get("codeSha256").asString()).isEqualTo(DIGEST);
		assertThat(feedVersion("$LATEST").orElseThrow().get("imageUri").asString()).isEqualTo(pinned);
		assertThat(feedVersion("$LATEST").orElseThrow().get("codeSha256").asString()).isEqualTo(DIGEST);

		ResponseEntity<JsonNode> configured = this.client.put(FUNCTIONS + "/" + this.name,
				replaced.getHeaders().getETag(), Map.of("imageConfig", Map.of("command", List.of("serve"))));
		assertThat(configured.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(configured.getBody().get("imageConfig").get("command").get(0).asString()).isEqualTo("serve");
		assertThat(feedVersion("$LATEST").orElseThrow().get("imageConfig").get("command").get(0).asString())
			.isEqualTo("serve");

		// A new image makes a new version.
		this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of());
		ResponseEntity<JsonNode> again = this.client.put(FUNCTIONS + "/" + this.name + "/code",
				this.client.get(FUNCTIONS + "/" + this.name).getHeaders().getETag(), Map.of("imageUri", IMAGE));
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of())
			.getBody()
			.get("version")
			.asString()).isEqualTo("2");
	}

	@Test
	void refusesMalformedImageReferenceAndChangesNothing() {
		long revision = this.client.revision();

		for (String malformed : List.of("Registry.example/Team/Fn:1", "fn:", "https://registry.example/fn:1",
				"fn@sha256:abc")) {
			JsonNode problem = assertProblem(this.client.post(FUNCTIONS, imageFunction(this.name, malformed)),
					HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
			assertThat(problem.get("detail").asString()).contains(malformed).contains("not valid");
		}

		assertProblem(this.client.get(FUNCTIONS + "/" + this.name), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");
		String etag = create(imageFunction(this.name, IMAGE)).getHeaders().getETag();
		long created = this.client.revision();
		assertThat(created).isGreaterThan(revision);
		assertProblem(this.client.put(FUNCTIONS + "/" + this.name + "/code", etag, Map.of("imageUri", "UPPER:1")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(this.client.get(FUNCTIONS + "/" + this.name).getBody().get("imageUri").asString()).isEqualTo(IMAGE);
		assertThat(this.client.revision()).isEqualTo(created);
	}

	@Test
	void refusesRequestsThatMixZipsAndImages() {
		Map<String, Object> withRuntime = imageFunction(this.name, IMAGE);
		withRuntime.put("runtime", "python3.12");
		assertProblem(this.client.post(FUNCTIONS, withRuntime), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		Map<String, Object> withZip = imageFunction(this.name, IMAGE);
		withZip.put("code", Map.of("imageUri", IMAGE, "zipFile", CodeZips.base64(CodeZips.pythonApp())));
		assertProblem(this.client.post(FUNCTIONS, withZip), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		Map<String, Object> zipWithImage = ControlPlaneClient.pythonFunction(this.name);
		zipWithImage.put("packageType", "Zip");
		zipWithImage.put("code", Map.of("imageUri", IMAGE));
		assertProblem(this.client.post(FUNCTIONS, zipWithImage), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		Map<String, Object> zipWithImageConfig = ControlPlaneClient.pythonFunction(this.name);
		zipWithImageConfig.put("imageConfig", Map.of("command", List.of("x")));
		assertProblem(this.client.post(FUNCTIONS, zipWithImageConfig), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		Map<String, Object> imageWithoutUri = new LinkedHashMap<>(Map.of("name", this.name, "packageType", "Image"));
		assertProblem(this.client.post(FUNCTIONS, imageWithoutUri), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(this.client.get(FUNCTIONS + "/" + this.name), HttpStatus.NOT_FOUND, "FUNCTION_NOT_FOUND");

		String imageTag = create(imageFunction(this.name, IMAGE)).getHeaders().getETag();
		assertProblem(this.client.putBytes(FUNCTIONS + "/" + this.name + "/code", imageTag, "application/zip",
				CodeZips.pythonApp()), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertProblem(
				this.client.put(FUNCTIONS + "/" + this.name, imageTag,
						Map.of("runtime", "python3.12", "handler", "app.handler")),
				HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		String zipName = this.name + "-zip";
		ResponseEntity<JsonNode> zip = this.client.post(FUNCTIONS, ControlPlaneClient.pythonFunction(zipName));
		assertThat(zip.getBody().get("packageType").asString()).isEqualTo("Zip");
		assertThat(zip.getBody().get("imageUri").isNull()).isTrue();
		assertProblem(this.client.put(FUNCTIONS + "/" + zipName + "/code", zip.getHeaders().getETag(),
				Map.of("imageUri", IMAGE)), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(feedVersion("$LATEST").orElseThrow().get("imageUri").asString()).isEqualTo(IMAGE);
	}

	@Test
	void deletingImageFunctionRetractsIt() {
		create(imageFunction(this.name, IMAGE));
		this.client.post(FUNCTIONS + "/" + this.name + "/versions", Map.of());

		assertThat(this.client.delete(FUNCTIONS + "/" + this.name).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(feedVersion("$LATEST")).isEmpty();
		assertThat(feedVersion("1")).isEmpty();
	}

	private ResponseEntity<JsonNode> create(Map<String, Object> request) {
		ResponseEntity<JsonNode> response = this.client.post(FUNCTIONS, request);
		assertThat(response.getStatusCode()).as("create %s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		return response;
	}

	private Optional<JsonNode> feedVersion(String version) {
		return TriggerTestSupport.feed(this.client, "FUNCTION_VERSION")
			.stream()
			.filter((resource) -> resource.get("functionName").asString().equals(this.name)
					&& resource.get("version").asString().equals(version))
			.findFirst();
	}

	private static Map<String, Object> imageFunction(String name, String imageUri) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", name);
		request.put("code", Map.of("imageUri", imageUri));
		return request;
	}

}
