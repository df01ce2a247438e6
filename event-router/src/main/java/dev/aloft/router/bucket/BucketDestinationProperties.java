package dev.aloft.router.bucket;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The S3-compatible server that S3 bucket destinations ({@code arn:aws:s3:::<bucket>})
 * are written to. Bucket ARNs name no region or account, so one server serves them all.
 *
 * @param endpoint the server's URL; AWS's endpoint for the region when unset
 * @param region the region requests are signed for
 * @param accessKeyId the access key to sign requests with; the AWS SDK's default
 * credentials when unset
 * @param secretAccessKey its secret, never logged
 * @param pathStyleAccess whether buckets are addressed in the path
 * ({@code http://host/bucket/key}, what most S3-compatible servers expect) rather than in
 * the host name ({@code http://bucket.host/key})
 */
@Validated
@ConfigurationProperties("aloft.event-router.destinations.s3")
record BucketDestinationProperties(@Nullable URI endpoint, @NotBlank @DefaultValue("us-east-1") String region,
		@Nullable String accessKeyId, @Nullable String secretAccessKey, @DefaultValue("true") boolean pathStyleAccess) {

	BucketDestinationProperties {
		if ((accessKeyId == null) != (secretAccessKey == null)) {
			throw new IllegalArgumentException("s3.access-key-id and s3.secret-access-key go together");
		}
	}

	/**
	 * The settings without the secret, which must not reach a log.
	 */
	@Override
	public String toString() {
		return "BucketDestinationProperties[endpoint=" + this.endpoint + ", region=" + this.region + ", accessKeyId="
				+ this.accessKeyId + ", secretAccessKey=" + ((this.secretAccessKey != null) ? "******" : null)
				+ ", pathStyleAccess=" + this.pathStyleAccess + "]";
	}

}
