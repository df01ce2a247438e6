package dev.aloft.router.bucket;

import java.net.URI;
import java.time.Duration;

import dev.aloft.router.dispatch.BucketWriter;
import dev.aloft.router.dispatch.DestinationNotFoundException;
import dev.aloft.router.dispatch.DestinationWriteFailedException;
import dev.aloft.router.system.SdkFailures;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import org.springframework.stereotype.Component;

/**
 * Writes destination records to S3 buckets on the configured S3-compatible server
 * ({@code aloft.event-router.destinations.s3.*}), with one client built at start. Nothing
 * is sent until a record is: a server that is down fails deliveries, which are retried,
 * not the router's start.
 */
@Component
class S3BucketWriter implements BucketWriter, AutoCloseable {

	/** S3's error code for a bucket that does not exist. */
	private static final String NO_SUCH_BUCKET = "NoSuchBucket";

	private static final String JSON = "application/json";

	private final S3Client client;

	private final String server;

	S3BucketWriter(BucketDestinationProperties properties) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(properties.region()))
			.forcePathStyle(properties.pathStyleAccess())
			// No checksums beyond what S3 requires: S3-compatible servers that know no
			// other algorithms still take the object.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		URI endpoint = properties.endpoint();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		if (properties.accessKeyId() != null && properties.secretAccessKey() != null) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey())));
		}
		this.client = builder.build();
		this.server = (endpoint != null) ? endpoint.toString() : "AWS " + properties.region();
	}

	@Override
	public void put(String bucket, String key, byte[] body, Duration timeout) {
		try {
			this.client.putObject(
					(request) -> request.bucket(bucket)
						.key(key)
						.contentType(JSON)
						.contentLength((long) body.length)
						.overrideConfiguration((config) -> config.apiCallTimeout(timeout)),
					RequestBody.fromBytes(body));
		}
		catch (SdkException ex) {
			if (missing(ex)) {
				throw new DestinationNotFoundException(
						"Destination bucket not found: no bucket " + bucket + " on " + this.server, ex);
			}
			throw new DestinationWriteFailedException(
					"Writing " + key + " to bucket " + bucket + " failed: " + SdkFailures.describe(ex), ex);
		}
	}

	private static boolean missing(SdkException ex) {
		return ex instanceof NoSuchBucketException || (ex instanceof AwsServiceException service
				&& service.awsErrorDetails() != null && NO_SUCH_BUCKET.equals(service.awsErrorDetails().errorCode()));
	}

	@Override
	public void close() {
		this.client.close();
	}

}
