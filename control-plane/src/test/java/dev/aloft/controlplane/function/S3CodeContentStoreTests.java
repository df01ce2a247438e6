package dev.aloft.controlplane.function;

import java.time.Duration;

import dev.aloft.controlplane.CodeZips;
import dev.aloft.controlplane.system.ProblemType;
import dev.aloft.problems.PlatformException;
import dev.aloft.testsupport.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The S3 code store against a real S3-compatible server: the store refuses bytes that do
 * not hash to the key they are stored under, deletes objects as often as asked, and a
 * missing bucket is a clear problem.
 */
class S3CodeContentStoreTests {

	private static final String BUCKET = "store-tests";

	private final S3TestServer s3 = S3TestServer.get();

	private final S3CodeContentStore store = S3CodeContentStore
		.connect(new CodeStoreProperties.S3(this.s3.endpoint(), BUCKET, "us-east-1", S3TestServer.ACCESS_KEY_ID,
				S3TestServer.SECRET_ACCESS_KEY, true, "zips/", Duration.ofSeconds(30)));

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void storesUnderTheHashAndReadsBack() {
		S3CodeStoreSettings.of(BUCKET, "zips/");
		byte[] zip = CodeZips.pythonApp("stored");
		String sha256 = CodeIntake.sha256(zip);

		String location = this.store.put(sha256, zip);

		assertThat(location).isEqualTo("s3://" + BUCKET + "/zips/" + sha256);
		assertThat(this.store.read(sha256, location)).isEqualTo(zip);
	}

	@Test
	void deletesTheObjectItsLocationNamesOnceAndAgain() {
		S3CodeStoreSettings.of(BUCKET, "zips/");
		byte[] zip = CodeZips.pythonApp("deleted");
		String sha256 = CodeIntake.sha256(zip);
		String location = this.store.put(sha256, zip);

		this.store.delete(sha256, location);

		assertThat(this.s3.blobs().blobExists(BUCKET, "zips/" + sha256)).isFalse();
		this.store.delete(sha256, location);
	}

	@Test
	void bytesThatDoNotMatchTheirHashAreRefusedOnTheWayIn() {
		S3CodeStoreSettings.of(BUCKET, "zips/");
		String otherHash = CodeIntake.sha256(CodeZips.pythonApp("other"));

		assertThatExceptionOfType(PlatformException.class)
			.isThrownBy(() -> this.store.put(otherHash, CodeZips.pythonApp("mismatched")))
			.satisfies((ex) -> assertThat(ex.problemType()).isEqualTo(ProblemType.CODE_STORE_UNAVAILABLE));
		assertThat(this.s3.blobs().blobExists(BUCKET, "zips/" + otherHash)).isFalse();
	}

	@Test
	void missingBucketIsAClearProblem() {
		S3CodeContentStore noBucket = S3CodeContentStore
			.connect(new CodeStoreProperties.S3(this.s3.endpoint(), "no-such-bucket", "us-east-1",
					S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, true, "", Duration.ofSeconds(30)));
		byte[] zip = CodeZips.pythonApp("no bucket");

		try (noBucket) {
			assertThatExceptionOfType(PlatformException.class)
				.isThrownBy(() -> noBucket.put(CodeIntake.sha256(zip), zip))
				.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("does not exist"));
		}
	}

}
