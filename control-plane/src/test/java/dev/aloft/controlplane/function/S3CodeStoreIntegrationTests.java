package dev.aloft.controlplane.function;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.ControlPlaneClient;
import dev.aloft.controlplane.OpenTransaction;
import dev.aloft.controlplane.TriggerTestSupport;
import dev.aloft.controlplane.system.JdkSdkHttpClient;
import dev.aloft.testsupport.PostgresTestDatabaseInitializer;
import dev.aloft.testsupport.S3TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.aloft.controlplane.ControlPlaneClient.assertProblem;
import static dev.aloft.controlplane.ControlPlaneClient.functionsPath;
import static dev.aloft.controlplane.ControlPlaneClient.pythonFunction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code aloft.control-plane.code.store=s3}, zips live in an S3-compatible bucket (a
 * real one, S3Proxy, in the test JVM) under their SHA-256, each once; the database keeps
 * only where they are, and every way of reading code still gives back the exact bytes.
 * Collecting an artifact deletes its object too, but never one a new row names. The
 * collection's timer is off: the tests run it with a chosen time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "aloft.control-plane.code.gc.enabled=false")
@ContextConfiguration(initializers = PostgresTestDatabaseInitializer.class)
class S3CodeStoreIntegrationTests {

	private static final String BUCKET = "aloft-code";

	private static final String PREFIX = "code/";

	private static final String CODE = "/internal/v1/code/{sha256}";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private CodeArtifactCollection collection;

	private ControlPlaneClient client;

	private final S3TestServer s3 = S3TestServer.get();

	@DynamicPropertySource
	static void codeStore(DynamicPropertyRegistry registry) {
		S3CodeStoreSettings.of(BUCKET, PREFIX).forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeEach
	void createClient() {
		this.client = new ControlPlaneClient(this.port);
	}

	@Test
	void zipLandsInTheBucketUnderItsHashAndNotInTheDatabase() throws IOException {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("bucket"));

		String sha256 = create(zip);

		assertThat(sha256).isEqualTo(CodeIntake.sha256(zip));
		assertThat(objectBytes(sha256)).isEqualTo(zip);
		Map<String, Object> row = this.jdbc
			.sql("SELECT content IS NULL AS empty, location, size_bytes FROM code_artifact WHERE sha256 = ?")
			.param(sha256)
			.query()
			.singleRow();
		assertThat(row).containsEntry("empty", true)
			.containsEntry("location", "s3://" + BUCKET + "/" + PREFIX + sha256)
			.containsEntry("size_bytes", (long) zip.length);
	}

	@Test
	void invokersDownloadTheExactBytesByHash() {
		byte[] zip = CodeZips.of(Map.of("bootstrap", "#!/bin/sh\necho hello\n".getBytes(), "lib/data.bin",
				new byte[] { 0, 1, 2, (byte) 0xff }));
		ResponseEntity<JsonNode> created = this.client.postMultipart(functionsPath("default"), Map.of("name",
				TriggerTestSupport.uniqueName("download"), "runtime", "provided.al2023", "handler", "function.handler"),
				zip);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String sha256 = created.getBody().get("codeSha256").asString();

		ResponseEntity<byte[]> download = download(sha256);

		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(download.getHeaders().getETag()).isEqualTo("\"" + sha256 + "\"");
		assertThat(download.getBody()).isEqualTo(zip);
	}

	@Test
	void sameCodeUploadedTwiceIsOneObjectNeverWrittenAgain() {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("twice"));
		String sha256 = CodeIntake.sha256(zip);
		// The object is there already, marked: writing it again would drop the mark.
		this.s3.blobs()
			.putBlob(PutObjectRequest.builder()
				.bucket(BUCKET)
				.key(PREFIX + sha256)
				.contentLength((long) zip.length)
				.metadata(Map.of("mark", "first"))
				.build(), RequestBody.fromBytes(zip).contentStreamProvider().newStream());

		assertThat(create(zip)).isEqualTo(sha256);
		assertThat(create(zip)).isEqualTo(sha256);

		assertThat(this.s3.blobs().list(BUCKET).contents()).filteredOn((object) -> object.key().contains(sha256))
			.hasSize(1);
		assertThat(this.s3.blobs().blobMetadata(BUCKET, PREFIX + sha256).metadata()).containsEntry("mark", "first");
		assertThat(rows("code_artifact", sha256)).isOne();
		assertThat(download(sha256).getBody()).isEqualTo(zip);
	}

	@Test
	void getFunctionCodeLocationDownloadsTheZipFromTheBucket() throws Exception {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("location"));
		String name = TriggerTestSupport.uniqueName("located");
		assertThat(this.client.post(functionsPath("default"), pythonFunction(name, zip)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		String location;
		try (LambdaClient lambda = lambda()) {
			location = lambda.getFunction((get) -> get.functionName(name)).code().location();
		}

		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(zip);
		}
	}

	@Test
	void publishedVersionsAndCodeChangesKeepTheirZips() {
		String name = TriggerTestSupport.uniqueName("versions");
		byte[] first = CodeZips.pythonApp(TriggerTestSupport.uniqueName("first"));
		byte[] second = CodeZips.pythonApp(TriggerTestSupport.uniqueName("second"));
		String function = functionsPath("default") + "/" + name;
		assertThat(this.client.post(functionsPath("default"), pythonFunction(name, first)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(this.client.post(function + "/versions", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<JsonNode> replaced = this.client.putBytes(function + "/code",
				this.client.get(function).getHeaders().getETag(), "application/zip", second);
		assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);

		JsonNode version = this.client.get(function + "/versions/1").getBody();
		assertThat(download(version.get("codeSha256").asString()).getBody()).isEqualTo(first);
		assertThat(download(replaced.getBody().get("codeSha256").asString()).getBody()).isEqualTo(second);
	}

	@Test
	void bytesThatNoLongerMatchTheirHashAreNotServed() {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("tampered"));
		String sha256 = create(zip);
		byte[] other = CodeZips.pythonApp(TriggerTestSupport.uniqueName("other"));
		this.s3.blobs()
			.putBlob(PutObjectRequest.builder()
				.bucket(BUCKET)
				.key(PREFIX + sha256)
				.contentLength((long) other.length)
				.build(), RequestBody.fromBytes(other).contentStreamProvider().newStream());

		JsonNode problem = assertProblem(this.client.get(CODE, sha256), HttpStatus.SERVICE_UNAVAILABLE,
				"CODE_STORE_UNAVAILABLE");
		assertThat(problem.get("detail").asString()).contains(sha256);
	}

	@Test
	void collectedArtifactTakesItsObjectAlong() throws IOException {
		byte[] unused = CodeZips.pythonApp(TriggerTestSupport.uniqueName("unused"));
		byte[] used = CodeZips.pythonApp(TriggerTestSupport.uniqueName("used"));
		String deleted = TriggerTestSupport.uniqueName("deleted");
		String unusedSha256 = create(deleted, unused);
		String usedSha256 = create(used);
		assertThat(this.client.delete(functionsPath("default") + "/" + deleted).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		CodeArtifactCollection.Collected collected = this.collection.collect(Instant.now().plus(Duration.ofDays(30)));

		assertThat(collected.bytes()).isGreaterThanOrEqualTo(unused.length);
		assertThat(rows("code_artifact", unusedSha256)).isZero();
		assertThat(this.s3.blobs().blobExists(BUCKET, PREFIX + unusedSha256)).isFalse();
		assertThat(rows("code_content_deletion", unusedSha256)).as("nothing left to delete").isZero();
		assertThat(objectBytes(usedSha256)).isEqualTo(used);
	}

	/**
	 * Bytes whose deletion an earlier run could not finish are deleted by the next,
	 * unless the same content was uploaded again meanwhile.
	 */
	@Test
	void bytesLeftForDeletionAreDeletedUnlessUploadedAgain() throws IOException {
		byte[] left = CodeZips.pythonApp(TriggerTestSupport.uniqueName("left"));
		byte[] back = CodeZips.pythonApp(TriggerTestSupport.uniqueName("back"));
		String leftSha256 = collectedLeavingItsObject(left);
		String backSha256 = collectedLeavingItsObject(back);

		assertThat(create(back)).isEqualTo(backSha256);
		assertThat(rows("code_content_deletion", backSha256)).as("the upload took it off the list").isZero();
		CodeArtifactCollection.Collected collected = this.collection.collect(Instant.now());

		assertThat(collected.bytes()).isGreaterThanOrEqualTo(left.length);
		assertThat(this.s3.blobs().blobExists(BUCKET, PREFIX + leftSha256)).isFalse();
		assertThat(rows("code_content_deletion", leftSha256)).isZero();
		assertThat(objectBytes(backSha256)).isEqualTo(back);
		assertThat(download(backSha256).getBody()).isEqualTo(back);
	}

	/**
	 * An upload of content whose object a collection is deleting waits for it, then
	 * stores the object again: the new row never names bytes that are about to go.
	 */
	@Test
	void uploadWaitsForTheDeletionOfItsBytesAndStoresThemAgain() throws SQLException, IOException {
		byte[] zip = CodeZips.pythonApp(TriggerTestSupport.uniqueName("deleting"));
		String sha256 = collectedLeavingItsObject(zip);

		CompletableFuture<String> upload;
		// As a collection does: take the entry off the list, uncommitted, delete the
		// object, commit.
		try (OpenTransaction deleting = OpenTransaction.begin(this.dataSource,
				"DELETE FROM code_content_deletion WHERE sha256 = '" + sha256 + "'")) {
			upload = CompletableFuture.supplyAsync(() -> create(zip));
			deleting.awaitWaiting(1);
			this.s3.blobs().removeBlob(BUCKET, PREFIX + sha256);
			deleting.commit();
		}

		assertThat(upload.join()).isEqualTo(sha256);
		assertThat(objectBytes(sha256)).isEqualTo(zip);
		assertThat(download(sha256).getBody()).isEqualTo(zip);
	}

	/**
	 * Stores a zip, then leaves it as a run whose object deletion failed does: the row
	 * gone, the object there, and listed for deletion.
	 */
	private String collectedLeavingItsObject(byte[] zip) {
		String name = TriggerTestSupport.uniqueName("listed");
		String sha256 = create(name, zip);
		this.client.delete(functionsPath("default") + "/" + name);
		this.jdbc
			.sql("INSERT INTO code_content_deletion (sha256, location, size_bytes, deleted_at)"
					+ " SELECT sha256, location, size_bytes, CURRENT_TIMESTAMP FROM code_artifact WHERE sha256 = ?")
			.param(sha256)
			.update();
		this.jdbc.sql("DELETE FROM code_artifact WHERE sha256 = ?").param(sha256).update();
		assertThat(this.s3.blobs().blobExists(BUCKET, PREFIX + sha256)).isTrue();
		return sha256;
	}

	private long rows(String table, String sha256) {
		return this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE sha256 = ?")
			.param(sha256)
			.query(Long.class)
			.single();
	}

	private String create(byte[] zip) {
		return create(TriggerTestSupport.uniqueName("fn"), zip);
	}

	private String create(String name, byte[] zip) {
		ResponseEntity<JsonNode> created = this.client.post(functionsPath("default"), pythonFunction(name, zip));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("codeSha256").asString();
	}

	private byte[] objectBytes(String sha256) throws IOException {
		try (InputStream in = this.s3.blobs().getBlob(BUCKET, PREFIX + sha256)) {
			return in.readAllBytes();
		}
	}

	private ResponseEntity<byte[]> download(String sha256) {
		return this.client.rest().get().uri(CODE, sha256).retrieve().toEntity(byte[].class);
	}

	private LambdaClient lambda() {
		return LambdaClient.builder()
			.httpClient(new JdkSdkHttpClient(Duration.ofSeconds(30)))
			.endpointOverride(URI.create("http://127.0.0.1:" + this.port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
				.create(ControlPlaneClient.ADMIN_ACCESS_KEY_ID, ControlPlaneClient.ADMIN_SECRET)))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

}
