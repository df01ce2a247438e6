package dev.aloft.router.bucket;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BucketDestinationPropertiesTests {

	@Test
	void hidesTheSecretWhenPrinted() {
		BucketDestinationProperties properties = new BucketDestinationProperties(URI.create("http://minio:9000"),
				"us-east-1", "access", "very-secret", true);

		assertThat(properties.toString()).contains("http://minio:9000", "access", "******")
			.doesNotContain("very-secret");
	}

	@Test
	void needsTheKeyAndItsSecretTogether() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BucketDestinationProperties(null, "us-east-1", "access", null, true));
		assertThat(new BucketDestinationProperties(null, "us-east-1", null, null, true).toString())
			.contains("secretAccessKey=null");
	}

}
