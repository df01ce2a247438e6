package dev.aloft.controlplane.function;

import java.util.Map;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.pythonFunction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invokers download code by its SHA-256 and get back exactly the bytes uploaded. This
 * control plane keeps code in the database, its default store.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class CodeDownloadIntegrationTests {

	private static final String CODE = "/internal/v1/code/{sha256}";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ControlPlaneClient client;

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void downloadsExactZipUploadedAsJson() {
		byte[] zip = CodeZips.pythonApp("download-json");
		String sha256 = this.client.post(functionsPath("default"), pythonFunction("download-json", zip))
			.getBody()
			.get("codeSha256")
			.asString();

		ResponseEntity<byte[]> download = download(sha256);

		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("application/zip"));
		assertThat(download.getHeaders().getETag()).isEqualTo("\"" + sha256 + "\"");
		assertThat(download.getHeaders().getContentLength()).isEqualTo(zip.length);
		assertThat(download.getBody()).isEqualTo(zip);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM code_artifact WHERE sha256 = ? AND content IS NOT NULL AND location IS NULL")
			.param(sha256)
			.query(Long.class)
			.single()).as("kept in its row").isOne();
	}

	@Test
	void codeKeptInAnObjectStoreThisControlPlaneDoesNotUseIsUnavailable() {
		String sha256 = "ab".repeat(32);
		this.jdbc
			.sql("INSERT INTO code_artifact (sha256, size_bytes, location, created_at) "
					+ "VALUES (?, 3, ?, CURRENT_TIMESTAMP)")
			.params(sha256, "s3://elsewhere/" + sha256)
			.update();

		JsonNode problem = assertProblem(this.client.get(CODE, sha256), HttpStatus.SERVICE_UNAVAILABLE,
				"CODE_STORE_UNAVAILABLE");
		assertThat(problem.get("detail").asString()).contains("aloft.control-plane.code.store");
	}

	@Test
	void downloadsExactZipUploadedAsMultipart() {
		byte[] zip = CodeZips.of(Map.of("bootstrap", "#!/bin/sh\necho hello\n".getBytes(), "lib/data.bin",
				new byte[] { 0, 1, 2, (byte) 0xff }));
		ResponseEntity<JsonNode> created = this.client.postMultipart(functionsPath("default"),
				Map.of("name", "download-multipart", "runtime", "provided.al2023", "handler", "function.handler"), zip);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<byte[]> download = download(created.getBody().get("codeSha256").asString());

		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(download.getBody()).isEqualTo(zip);
	}

	@Test
	void reportsUnknownHashAsProblem() {
		ResponseEntity<JsonNode> response = this.client.get(CODE, "0".repeat(64));

		JsonNode problem = assertProblem(response, HttpStatus.NOT_FOUND, "CODE_NOT_FOUND");
		assertThat(problem.get("detail").asString()).contains("0".repeat(64));
	}

	@Test
	void reportsMalformedHashAsNotFound() {
		assertProblem(this.client.get(CODE, "not-a-hash"), HttpStatus.NOT_FOUND, "CODE_NOT_FOUND");
	}

	private ResponseEntity<byte[]> download(String sha256) {
		return this.client.rest().get().uri(CODE, sha256).retrieve().toEntity(byte[].class);
	}

}
