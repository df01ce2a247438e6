package dev.aloft.controlplane.function;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where code artifacts' bytes are kept. Their metadata (hash, size, where the bytes are)
 * is always in the database.
 *
 * @param store {@code database} (the default: the bytes in the artifact's row) or
 * {@code s3} (the bytes in an S3-compatible bucket, under their SHA-256)
 * @param s3 the S3-compatible store, read only when {@code store} is {@code s3}
 */
@Validated
@ConfigurationProperties("aloft.control-plane.code")
record CodeStoreProperties(@DefaultValue("database") Store store, @Nullable S3 s3) {

	CodeStoreProperties {
		if (store == Store.S3) {
			// A store without a bucket or credentials fails start-up, not the first
			// upload.
			if (s3 == null || blank(s3.bucket())) {
				throw new IllegalArgumentException("aloft.control-plane.code.s3.bucket is required when store is s3");
			}
			if (blank(s3.accessKeyId()) || blank(s3.secretAccessKey())) {
				throw new IllegalArgumentException("aloft.control-plane.code.s3.access-key-id and "
						+ "secret-access-key are required when store is s3");
			}
			if (s3.timeout().isNegative() || s3.timeout().isZero()) {
				throw new IllegalArgumentException("aloft.control-plane.code.s3.timeout must be positive");
			}
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * Where code artifacts' bytes are kept.
	 */
	enum Store {

		/** In the artifact's database row. */
		DATABASE,

		/** In an S3-compatible bucket. */
		S3

	}

	/**
	 * An S3-compatible store (MinIO, AWS S3, ...).
	 *
	 * @param endpoint the store's address, e.g. {@code http://minio:9000}; AWS's endpoint
	 * for the region when unset
	 * @param bucket the bucket that holds the code; it must exist
	 * @param region the region requests are signed for
	 * @param accessKeyId the access key id
	 * @param secretAccessKey the secret access key; never logged
	 * @param pathStyle whether the bucket goes in the path ({@code endpoint/bucket/key}),
	 * as MinIO wants, rather than in the host name
	 * @param prefix put before each object's key (the zip's hex SHA-256), e.g.
	 * {@code code/}
	 * @param timeout the longest one call to the store may take, retries included
	 */
	record S3(@Nullable URI endpoint, @Nullable String bucket, @DefaultValue("us-east-1") String region,
			@Nullable String accessKeyId, @Nullable String secretAccessKey, @DefaultValue("true") boolean pathStyle,
			@DefaultValue("") String prefix, @DefaultValue("60s") Duration timeout) {

		@Override
		public String toString() {
			// The secret stays out of logs and failure analyses.
			return "S3[endpoint=" + this.endpoint + ", bucket=" + this.bucket + ", region=" + this.region
					+ ", accessKeyId=" + this.accessKeyId + ", pathStyle=" + this.pathStyle + ", prefix=" + this.prefix
					+ ", timeout=" + this.timeout + "]";
		}

	}

}
