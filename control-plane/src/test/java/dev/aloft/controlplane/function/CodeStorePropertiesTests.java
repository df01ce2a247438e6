package dev.aloft.controlplane.function;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The code store's settings: the S3 store needs its bucket and credentials at start-up,
 * and its secret never shows in text.
 */
class CodeStorePropertiesTests {

	@Test
	void databaseStoreNeedsNoS3Settings() {
		assertThat(new CodeStoreProperties(CodeStoreProperties.Store.DATABASE, null).store())
			.isEqualTo(CodeStoreProperties.Store.DATABASE);
	}

	@Test
	void s3StoreNeedsABucketAndCredentials() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CodeStoreProperties(CodeStoreProperties.Store.S3, null))
			.withMessageContaining("bucket");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CodeStoreProperties(CodeStoreProperties.Store.S3, s3("code", "key", null)))
			.withMessageContaining("secret-access-key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CodeStoreProperties(CodeStoreProperties.Store.S3, s3(" ", "key", "secret")))
			.withMessageContaining("bucket");
		assertThat(new CodeStoreProperties(CodeStoreProperties.Store.S3, s3("code", "key", "secret")).s3()).isNotNull();
	}

	@Test
	void secretNeverShowsInText() {
		CodeStoreProperties.S3 s3 = s3("code", "key-id", "very-secret-value");

		assertThat(s3.toString()).contains("key-id").contains("code").doesNotContain("very-secret-value");
		assertThat(new CodeStoreProperties(CodeStoreProperties.Store.S3, s3).toString())
			.doesNotContain("very-secret-value");
	}

	private static CodeStoreProperties.S3 s3(String bucket, String accessKeyId, String secret) {
		return new CodeStoreProperties.S3(URI.create("http://127.0.0.1:9000"), bucket, "us-east-1", accessKeyId, secret,
				true, "", Duration.ofSeconds(60));
	}

}
